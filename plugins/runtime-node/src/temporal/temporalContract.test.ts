import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startTemporalServer,
} from '@runtime-portal/runtime-sandbox';
import { TemporalClient } from './TemporalClient';
import {
  FixtureServer,
  expectAnswerMatchesFixture,
  loadContractFixtures,
  sendContractRequest,
  serveContractFixtures,
} from '../testing/contractFixtures';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

/** An error answer's body, which the fixture pins by value (not only by shape); undefined otherwise. */
function pinnedErrorBody(status: number, body: unknown): unknown {
  return status >= 400 ? body : undefined;
}

describe('Temporal contract', () => {
  describe('TemporalClient against the fixtures', () => {
    let server: FixtureServer;
    let client: TemporalClient;

    beforeAll(async () => {
      server = await serveContractFixtures(Object.values(fixtures));
      client = new TemporalClient({
        environment: 'dev',
        access: { httpUrl: server.url, timeoutMs: 2000 },
      });
    });
    afterEach(() => {
      server.requests.length = 0;
      server.mismatches.length = 0;
    });
    afterAll(() => server.close());

    /** The client sent one request, and it was exactly a fixture's. */
    const expectOneFixtureRequest = () => {
      expect(server.mismatches).toEqual([]);
      expect(server.requests).toHaveLength(1);
    };

    const semanticSearch = {
      name: 'semantic-search',
      id: '0c5b7c1e-6f4a-4d55-9d3c-2f4c8e1a9b70',
      state: 'Registered',
      description: 'Workflows of semantic-search',
      ownerEmail: 'search-team@example.com',
      retentionDays: 7,
      data: { owner: 'search-team', service: 'semantic-search' },
    };

    it(`${fixtures.describe_namespace.name}`, async () => {
      expect(await client.describeNamespace('semantic-search')).toEqual(
        semanticSearch,
      );
      expectOneFixtureRequest();
    });

    it(`${fixtures.list_namespaces.name}`, async () => {
      expect(await client.listNamespaces()).toEqual([
        semanticSearch,
        {
          name: 'default',
          id: '32049b68-7872-4094-8e63-d0dd59896a83',
          state: 'Registered',
          description: 'Default namespace for Temporal Server.',
          ownerEmail: undefined,
          retentionDays: 1,
          data: {},
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.describe_namespace_unknown.name}`, async () => {
      await expect(
        client.describeNamespace('unknown-team'),
      ).resolves.toBeUndefined();
      expectOneFixtureRequest();
    });
  });

  describe('the sandbox Temporal answers each fixture like Temporal', () => {
    let server: { url: string; close(): Promise<void> };

    beforeAll(async () => {
      server = await startTemporalServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      });
    });
    afterAll(() => server.close());

    it.each(Object.entries(fixtures))('%s', async (_file, fixture) => {
      const answer = await sendContractRequest(server.url, fixture);
      expectAnswerMatchesFixture(answer, fixture);
      expect(pinnedErrorBody(answer.status, answer.body)).toEqual(
        pinnedErrorBody(fixture.response.status, fixture.response.body),
      );
    });
  });
});
