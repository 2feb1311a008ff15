import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGrafanaServer,
} from '@runtime-portal/runtime-sandbox';
import { GrafanaClient } from './GrafanaClient';
import {
  FixtureServer,
  expectAnswerMatchesFixture,
  loadContractFixtures,
  sendContractRequest,
  serveContractFixtures,
} from '../testing/contractFixtures';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

/** An error answer's body, which the fixture pins by value (not only by shape); undefined otherwise. */
function pinnedErrorBody(status: number, body: unknown): unknown {
  return status >= 400 ? body : undefined;
}

describe('Grafana contract', () => {
  describe('GrafanaClient against the fixtures', () => {
    let server: FixtureServer;
    const clientWith = (token?: string) =>
      new GrafanaClient({
        environment: 'dev',
        access: httpAccess(server.url, {
          token,
          uiUrl: 'https://grafana.example.com',
        }),
      });

    beforeAll(async () => {
      // The authenticated fixture first: the 401 one matches a request with any headers.
      server = await serveContractFixtures([
        fixtures.search_dashboards,
        fixtures.search_unauthenticated,
      ]);
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

    it(`${fixtures.search_dashboards.name}`, async () => {
      const dashboards = await clientWith(
        DEFAULT_SANDBOX_CREDENTIALS.grafanaToken,
      ).searchDashboards({ tags: ['support-assistant'], query: 'support' });
      expect(dashboards).toEqual([
        {
          uid: 'b1f0c2d94a7e3c',
          title: 'support-assistant / Service',
          url: 'https://grafana.example.com/d/b1f0c2d94a7e3c/support-assistant-service',
          tags: ['service', 'support-assistant', 'team-assistant'],
          folderTitle: 'assistant-team',
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.search_unauthenticated.name}`, async () => {
      const error = await expectUpstreamFailure(
        clientWith(undefined).searchDashboards({
          tags: ['support-assistant'],
          query: 'support',
        }),
      );
      expect(error).toMatchObject({
        upstream: 'grafana',
        reason: 'Unauthorized',
        status: 401,
        detail: 'Unauthorized',
      });
      expectOneFixtureRequest();
    });
  });

  describe('the sandbox Grafana answers each fixture like Grafana', () => {
    let server: { url: string; close(): Promise<void> };

    beforeAll(async () => {
      server = await startGrafanaServer({
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
