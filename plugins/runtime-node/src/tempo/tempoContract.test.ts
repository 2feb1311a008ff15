import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startTempoServer,
} from '@runtime-portal/runtime-sandbox';
import { TempoClient } from './TempoClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

/** The range every search fixture asks for (`start`/`end` in Unix seconds). */
const start = new Date(1684778000_000);
const end = new Date(1684781600_000);

describe('Tempo contract', () => {
  describe('TempoClient against the fixtures', () => {
    const { client, expectOneFixtureRequest } = useFixtureClient(
      Object.values(fixtures),
      url => new TempoClient({ environment: 'dev', access: httpAccess(url) }),
    );

    it(`${fixtures.search_traceql.name}`, async () => {
      const traces = await client().search({
        query:
          '{ resource.service.name = "support-assistant" && status = error }',
        limit: 2,
        start,
        end,
      });
      expect(traces).toEqual([
        {
          traceId: '86b06081cde1f8c35c2283d8b50bcf9c',
          rootServiceName: 'support-assistant',
          rootTraceName: 'POST /api/v1/jobs',
          startTime: new Date(1684781590471),
          durationMs: 4020,
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.search_bad_traceql.name}`, async () => {
      const error = await expectUpstreamFailure(
        client().search({ query: 'foo', limit: 2, start, end }),
      );
      expect(error).toMatchObject({
        upstream: 'tempo',
        reason: 'Invalid',
        status: 400,
        detail:
          'invalid TraceQL query: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER',
      });
      expectOneFixtureRequest();
    });

    it(`${fixtures.trace_by_id.name}`, async () => {
      const trace = await client().getTrace('86b06081cde1f8c35c2283d8b50bcf9c');
      const common = {
        serviceName: 'support-assistant',
        status: 'error' as const,
      };
      expect(trace).toEqual({
        traceId: '86b06081cde1f8c35c2283d8b50bcf9c',
        spans: [
          {
            ...common,
            spanId: 'd2bef9bf49f2e3a0',
            parentSpanId: undefined,
            name: 'POST /api/v1/jobs',
            kind: 'SPAN_KIND_SERVER',
            startTime: new Date(1684781590471),
            durationMs: 4020,
            attributes: {
              'http.request.method': 'POST',
              'http.route': '/api/v1/jobs',
              'http.response.status_code': 503,
            },
          },
          {
            spanId: 'fb5474ad83350f9d',
            parentSpanId: 'd2bef9bf49f2e3a0',
            name: 'SELECT items',
            serviceName: 'support-assistant',
            kind: 'SPAN_KIND_CLIENT',
            status: 'unset',
            startTime: new Date(1684781590551),
            durationMs: 402,
            attributes: { 'db.system': 'postgresql' },
          },
          {
            ...common,
            spanId: '6ae6e83881be6ca5',
            parentSpanId: 'd2bef9bf49f2e3a0',
            name: 'POST /openai/v1/chat/completions',
            kind: 'SPAN_KIND_CLIENT',
            startTime: new Date(1684781591074),
            durationMs: 3216,
            attributes: {
              'peer.service': 'qwen2-5-7b-instruct',
              'http.response.status_code': 503,
            },
          },
        ],
      });
      expectOneFixtureRequest();
    });

    it(`${fixtures.trace_by_id_unknown.name}`, async () => {
      await expect(
        client().getTrace('0123456789abcdef0123456789abcdef'),
      ).resolves.toBeUndefined();
      expectOneFixtureRequest();
    });
  });

  describeStandInContract(
    'the sandbox Tempo answers each fixture like Tempo',
    fixtures,
    {
      start: () =>
        startTempoServer({
          port: 0,
          seed: loadSeed(),
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
        }),
    },
  );
});
