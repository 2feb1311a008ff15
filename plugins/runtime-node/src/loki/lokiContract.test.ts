import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startLokiServer,
} from '@runtime-portal/runtime-sandbox';
import { LokiClient } from './LokiClient';
import {
  ContractFixture,
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

/** The time range every fixture's request asks for (its `start` and `end`, in nanoseconds). */
function fixtureRange(fixture: ContractFixture) {
  const query = fixture.request.query as Record<string, string>;
  return {
    start: new Date(Number(BigInt(query.start) / 1_000_000n)),
    end: new Date(Number(BigInt(query.end) / 1_000_000n)),
  };
}

describe('Loki contract', () => {
  describe('LokiClient against the fixtures', () => {
    let server: FixtureServer;
    let client: LokiClient;

    beforeAll(async () => {
      server = await serveContractFixtures(Object.values(fixtures));
      client = new LokiClient({
        environment: 'dev',
        access: httpAccess(server.url, {
          headers: { 'X-Scope-OrgID': 'runtime' },
        }),
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

    it(`${fixtures.query_range.name}`, async () => {
      const fixture = fixtures.query_range;
      const lines = await client.queryRange({
        query: '{namespace="team-search", service="semantic-search"}',
        ...fixtureRange(fixture),
        limit: 2,
      });
      const labels = {
        job: 'team-search/semantic-search',
        level: 'info',
        namespace: 'team-search',
        service: 'semantic-search',
      };
      expect(lines).toEqual([
        {
          timestamp: new Date(1569266497240),
          timestampNs: '1569266497240578000',
          line: 'level=info ts=2019-09-23T19:21:37.240Z msg="request served" method=GET path=/api/v1/items status=200',
          labels,
        },
        {
          timestamp: new Date(1569266492548),
          timestampNs: '1569266492548155000',
          line: 'level=info ts=2019-09-23T19:21:32.548Z msg="request served" method=POST path=/api/v1/query status=200',
          labels,
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.query_range_bad_logql.name}`, async () => {
      const error = await expectUpstreamFailure(
        client.queryRange({
          query: '{namespace="team-search"',
          ...fixtureRange(fixtures.query_range_bad_logql),
          limit: 2,
        }),
      );
      expect(error).toMatchObject({
        upstream: 'loki',
        reason: 'Invalid',
        status: 400,
        detail:
          'parse error at line 1, col 25: syntax error: unexpected $end, expecting } or ,',
      });
      expectOneFixtureRequest();
    });
  });

  describe('the sandbox Loki answers each fixture like Loki', () => {
    let server: { url: string; close(): Promise<void> };

    beforeAll(async () => {
      server = await startLokiServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
        tenant: 'runtime',
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
