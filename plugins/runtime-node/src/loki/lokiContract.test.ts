import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startLokiServer,
} from '@runtime-portal/runtime-sandbox';
import { LokiClient } from './LokiClient';
import {
  ContractFixture,
  loadContractFixtures,
} from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

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
    const { client, expectOneFixtureRequest } = useFixtureClient(
      Object.values(fixtures),
      url =>
        new LokiClient({
          environment: 'dev',
          access: httpAccess(url, {
            headers: { 'X-Scope-OrgID': 'runtime' },
          }),
        }),
    );

    it(`${fixtures.query_range.name}`, async () => {
      const fixture = fixtures.query_range;
      const lines = await client().queryRange({
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
        client().queryRange({
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

  describeStandInContract(
    'the sandbox Loki answers each fixture like Loki',
    fixtures,
    {
      start: () =>
        startLokiServer({
          port: 0,
          seed: loadSeed(),
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
          tenant: 'runtime',
        }),
    },
  );
});
