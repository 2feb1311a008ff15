import { loadSeed } from '../seed';
import { TelemetryModel } from '../telemetry';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startPrometheusServer } from './startPrometheusServer';

const seed = loadSeed();
const startedAt = Math.floor(Date.now() / 1000) - 7200;
const model = new TelemetryModel(seed, { startedAtSeconds: startedAt });
const at = startedAt + 3600;
const SA = 'namespace="team-assistant",service="support-assistant"';

describe('startPrometheusServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startPrometheusServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      model,
    });
  });
  afterAll(() => server.close());

  async function get(path: string, params: Record<string, string | number>) {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, String(v)]),
    );
    const response = await fetch(`${server.url}${path}?${query}`);
    return { status: response.status, body: await response.json() };
  }
  const instant = (query: string, time: number | string = at) =>
    get('/api/v1/query', { query, time });
  async function values(query: string): Promise<Record<string, number>> {
    const { status, body } = await instant(query);
    expect(status).toBe(200);
    expect(body.data.resultType).toBe('vector');
    return Object.fromEntries(
      body.data.result.map((r: any) => [
        JSON.stringify(r.metric),
        Number(r.value[1]),
      ]),
    );
  }
  async function single(query: string): Promise<number> {
    const result = Object.values(await values(query));
    expect(result).toHaveLength(1);
    return result[0];
  }

  describe('selectors', () => {
    it('selects with = and keeps the metric name and labels', async () => {
      const { body } = await instant(`up{${SA}}`);
      expect(body).toEqual({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            {
              metric: {
                __name__: 'up',
                namespace: 'team-assistant',
                service: 'support-assistant',
              },
              value: [at, '1'],
            },
          ],
        },
      });
    });

    it('selects with !=, =~ and !~', async () => {
      const all = await values('up');
      const notSearch = await values('up{namespace!="team-search"}');
      const assistant = await values('up{namespace=~"team-assist.*"}');
      const notAssistant = await values('up{namespace!~"team-assist.*"}');
      expect(Object.keys(notSearch).length).toBe(Object.keys(all).length - 3);
      expect(
        Object.keys(assistant).length + Object.keys(notAssistant).length,
      ).toBe(Object.keys(all).length);
      expect(
        Object.keys(assistant).every(k => k.includes('team-assistant')),
      ).toBe(true);
      // regular expressions are anchored at both ends
      expect(await values('up{namespace=~"assistant"}')).toEqual({});
    });

    it('selects by {__name__=...} and returns nothing before the model started', async () => {
      expect(await single(`{__name__="up",${SA}}`)).toBe(1);
      expect(
        (await instant(`up{${SA}}`, startedAt - 10)).body.data.result,
      ).toEqual([]);
    });
  });

  describe('functions and aggregations', () => {
    it('computes rate() and increase() exactly from the counters at both ends', async () => {
      const series = model
        .series()
        .filter(
          s =>
            s.labels.__name__ === 'http_server_requests_total' &&
            s.labels.service === 'support-assistant' &&
            s.labels.http_response_status_code === '200',
        )[0];
      const expected = (series.valueAt(at) - series.valueAt(at - 300)) / 300;
      const selector = `http_server_requests_total{${SA},http_response_status_code="200"}`;
      const result = await values(`rate(${selector}[5m])`);
      expect(Object.keys(result).map(key => JSON.parse(key))).toEqual([
        {
          http_response_status_code: '200',
          namespace: 'team-assistant',
          service: 'support-assistant',
        },
      ]);
      expect(Object.values(result)[0]).toBeCloseTo(expected, 9);
      expect(await single(`increase(${selector}[5m])`)).toBeCloseTo(
        expected * 300,
        6,
      );
    });

    it('aggregates with sum, avg, max, min and count, by and without', async () => {
      const byStatus = await values(
        `sum by (http_response_status_code) (rate(http_server_requests_total{${SA}}[5m]))`,
      );
      expect(Object.keys(byStatus).sort()).toEqual([
        '{"http_response_status_code":"200"}',
        '{"http_response_status_code":"500"}',
      ]);
      const total = await single(
        `sum(rate(http_server_requests_total{${SA}}[5m]))`,
      );
      expect(total).toBeCloseTo(
        Object.values(byStatus).reduce((a, b) => a + b),
        9,
      );
      expect(total).toBeGreaterThan(18 * 0.9);
      expect(total).toBeLessThan(18 * 1.1);
      const without = await values(
        `sum without (http_response_status_code) (rate(http_server_requests_total{${SA}}[5m]))`,
      );
      expect(Object.keys(without)).toEqual([
        '{"namespace":"team-assistant","service":"support-assistant"}',
      ]);
      expect(
        await single(`avg(rate(http_server_requests_total{${SA}}[5m]))`),
      ).toBeCloseTo(total / 2, 9);
      expect(
        await single(`max(rate(http_server_requests_total{${SA}}[5m]))`),
      ).toBeCloseTo(Object.values(byStatus).sort((a, b) => b - a)[0], 9);
      // One of Loki's scrape targets is down (the seed's `downReplicas`), every service's is up.
      expect(await single(`min(up)`)).toBe(0);
      expect(await single(`min(up{namespace=~"team-.*"})`)).toBe(1);
      expect(await single(`count(up{namespace="team-search"})`)).toBe(3);
    });

    it('computes histogram_quantile over bucket rates', async () => {
      const quantile = (q: number) =>
        single(
          `histogram_quantile(${q}, sum by (le) (rate(http_server_request_duration_seconds_bucket{${SA}}[5m])))`,
        );
      const p50 = await quantile(0.5);
      const p99 = await quantile(0.99);
      expect(p50).toBeGreaterThan(0.5);
      expect(p50).toBeLessThan(1.5);
      expect(p99).toBeGreaterThan(p50);
      const { body } = await instant(
        `histogram_quantile(1.5, sum by (le) (rate(http_server_request_duration_seconds_bucket{${SA}}[5m])))`,
      );
      expect(body.data.result[0].value[1]).toBe('+Inf');
    });
  });

  describe('binary operators', () => {
    it('divides vectors with label matching into an error ratio', async () => {
      const ratio = await single(
        `sum by (service) (rate(http_server_requests_total{${SA},http_response_status_code=~"5.."}[5m])) / sum by (service) (rate(http_server_requests_total{${SA}}[5m]))`,
      );
      expect(ratio).toBeCloseTo(0.087, 9);
      const on = await values(
        `sum by (service, namespace) (rate(http_server_requests_total{http_response_status_code="500"}[5m])) / on (service) sum by (service) (rate(http_server_requests_total[5m]))`,
      );
      expect(on['{"service":"support-assistant"}']).toBeCloseTo(0.087, 9);
      const ignoring = await values(
        `rate(http_server_requests_total{${SA},http_response_status_code="500"}[5m]) / ignoring (http_response_status_code) sum without (http_response_status_code) (rate(http_server_requests_total{${SA}}[5m]))`,
      );
      expect(Object.values(ignoring)[0]).toBeCloseTo(0.087, 9);
    });

    it('applies scalar arithmetic, comparisons and number literals', async () => {
      expect(await single(`up{${SA}} * 3 + 1`)).toBe(4);
      expect(await single(`10 - up{${SA}} / 2`)).toBe(9.5);
      expect(await single(`-up{${SA}}`)).toBe(-1);
      expect(Object.keys(await values(`up{${SA}} > 0`))[0]).toContain(
        '__name__',
      );
      expect(await values(`up{${SA}} > 1`)).toEqual({});
      expect(await single(`up{${SA}} > bool 1`)).toBe(0);
      const { body } = await instant('2 * 3 - 0.5');
      expect(body.data).toEqual({ resultType: 'scalar', result: [at, '5.5'] });
      const inf = await instant('1 / 0');
      expect(inf.body.data.result[1]).toBe('+Inf');
      const nan = await instant('0 / 0');
      expect(nan.body.data.result[1]).toBe('NaN');
    });

    it('refuses many-to-one matching without group_left (422 execution)', async () => {
      const { status, body } = await instant(
        `http_server_requests_total{${SA}} / on (service) up{${SA}}`,
      );
      expect(status).toBe(422);
      expect(body).toEqual({
        status: 'error',
        errorType: 'execution',
        error: expect.stringContaining('many-to-one matching must be explicit'),
      });
    });
  });

  describe('range queries', () => {
    it('answers a matrix with one point per step', async () => {
      const { status, body } = await get('/api/v1/query_range', {
        query: `sum(rate(http_server_requests_total{${SA}}[5m]))`,
        start: at - 600,
        end: at,
        step: '60s',
      });
      expect(status).toBe(200);
      expect(body.data.resultType).toBe('matrix');
      expect(body.data.result).toHaveLength(1);
      const points = body.data.result[0].values as Array<[number, string]>;
      expect(points.map(p => p[0])).toEqual(
        Array.from({ length: 11 }, (_, i) => at - 600 + i * 60),
      );
      expect(new Set(points.map(p => p[1])).size).toBeGreaterThan(1);
    });

    it('accepts RFC 3339 times and a form POST, and answers scalars as a matrix', async () => {
      const response = await fetch(`${server.url}/api/v1/query_range`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          query: '1 + 1',
          start: new Date(at * 1000).toISOString(),
          end: String(at + 30),
          step: '15',
        }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).data).toEqual({
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [at, '2'],
              [at + 15, '2'],
              [at + 30, '2'],
            ],
          },
        ],
      });
    });
  });

  describe('errors', () => {
    const badData = (error: string | RegExp) => ({
      status: 'error',
      errorType: 'bad_data',
      error: typeof error === 'string' ? error : expect.stringMatching(error),
    });

    it.each([
      [
        '',
        'invalid parameter "query": 1:1: parse error: no expression found in input',
      ],
      [
        '1 +',
        /^invalid parameter "query": 1:\d+: parse error: unexpected end of input$/,
      ],
      ['up{', /^invalid parameter "query": 1:\d+: parse error: /],
      [
        'rate(up)',
        /parse error: expected type range vector in call to function "rate", got instant vector$/,
      ],
      [
        'sum(up[5m])',
        /parse error: expected type instant vector in aggregation expression, got range vector$/,
      ],
      [
        'up[5m] + 1',
        /parse error: binary expression must contain only scalar and instant vector types$/,
      ],
      [
        '{}',
        /parse error: vector selector must contain at least one non-empty matcher$/,
      ],
      [
        '1 > 2',
        /parse error: comparisons between scalars must use BOOL modifier$/,
      ],
      ['foo(up)', /parse error: unknown function with name "foo"$/],
      ['up{a=~"("}', /parse error: error parsing regexp/],
    ])('answers 400 bad_data for %j', async (query, error) => {
      const { status, body } = await instant(query);
      expect(status).toBe(400);
      expect(body).toEqual(badData(error));
    });

    it('answers 400 bad_data for a bad time', async () => {
      const { status, body } = await instant('up', 'abc');
      expect(status).toBe(400);
      expect(body).toEqual(
        badData(
          `invalid parameter "time": Invalid time value for 'time': cannot parse "abc" to a valid timestamp`,
        ),
      );
    });

    it.each([
      [
        { query: 'up' },
        'invalid parameter "start": cannot parse "" to a valid timestamp',
      ],
      [
        { query: 'up', start: 10 },
        'invalid parameter "end": cannot parse "" to a valid timestamp',
      ],
      [
        { query: 'up', start: 10, end: 5, step: 1 },
        'invalid parameter "end": end timestamp must not be before start time',
      ],
      [
        { query: 'up', start: 10, end: 20 },
        'invalid parameter "step": cannot parse "" to a valid duration',
      ],
      [
        { query: 'up', start: 10, end: 20, step: 0 },
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      ],
      [
        { query: 'up', start: 0, end: 20000, step: 1 },
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      ],
      [
        { query: 'up[5m]', start: 0, end: 20, step: 1 },
        'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
      ],
    ])('answers 400 bad_data for the range query %j', async (params, error) => {
      const { status, body } = await get('/api/v1/query_range', params);
      expect(status).toBe(400);
      expect(body).toEqual(badData(error));
    });

    it.each([
      'rate(up[5m] offset 1m)',
      'topk(3, up)',
      'abs(up)',
      'up[1h:5m]',
      'up @ 100',
      `up{${SA}} / on (service) group_left up`,
      'up[5m]',
      '"text"',
    ])(
      'answers 422 execution for valid PromQL the sandbox does not evaluate: %s',
      async query => {
        const { status, body } = await instant(query);
        expect(status).toBe(422);
        expect(body).toEqual({
          status: 'error',
          errorType: 'execution',
          error: expect.stringMatching(
            /^the sandbox Prometheus does not support /,
          ),
        });
      },
    );
  });

  describe('other endpoints', () => {
    it('serves buildinfo, readiness and /metrics', async () => {
      const build = await fetch(`${server.url}/api/v1/status/buildinfo`);
      expect(await build.json()).toEqual({
        status: 'success',
        data: expect.objectContaining({ version: '2.42.0' }),
      });
      const ready = await fetch(`${server.url}/-/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.text()).toBe('Prometheus Server is Ready.\n');
      const put = await fetch(`${server.url}/api/v1/query?query=1`, {
        method: 'PUT',
      });
      expect(put.status).toBe(405);
      const metrics = await fetch(`${server.url}/metrics`);
      expect(await metrics.text()).toContain(
        '# TYPE vllm:kv_cache_usage_perc gauge',
      );
    });
  });
});

describe('startPrometheusServer with a bearer token', () => {
  it('refuses calls without the token with 401 and accepts the right one', async () => {
    const server = await startPrometheusServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      bearerToken: 'prom-token',
    });
    try {
      const url = `${server.url}/api/v1/query?query=1`;
      expect((await fetch(url)).status).toBe(401);
      expect(
        (await fetch(url, { headers: { authorization: 'Bearer wrong' } }))
          .status,
      ).toBe(401);
      const ok = await fetch(url, {
        headers: { authorization: 'Bearer prom-token' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
