import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startPrometheusServer,
  TelemetryModel,
} from '@runtime-portal/runtime-sandbox';
import { DEFAULT_PROMETHEUS_QUERIES, renderQuery } from './defaultQueries';
import { PrometheusClient } from './PrometheusClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import {
  SilentServer,
  startSilentServer,
  startTestServer,
} from '../testing/testServer';

const seed = loadSeed();
const now = Date.now() / 1000;
const model = new TelemetryModel(seed, { startedAtSeconds: now - 3 * 3600 });
const TOKEN = 'prometheus-secret-token';

describe('PrometheusClient', () => {
  let server: { url: string; close(): Promise<void> };
  let client: PrometheusClient;

  beforeAll(async () => {
    server = await startPrometheusServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      model,
      bearerToken: TOKEN,
    });
    client = new PrometheusClient({
      environment: 'sandbox',
      access: httpAccess(server.url, { token: TOKEN }),
    });
  });
  afterAll(() => server.close());

  it('runs an instant query and returns numeric samples', async () => {
    const time = new Date(Math.floor(now - 60) * 1000);
    const result = await client.query(
      renderQuery(DEFAULT_PROMETHEUS_QUERIES.errorRatio.template, {
        namespace: 'team-assistant',
        service: 'support-assistant',
        window: '5m',
      }),
      { time },
    );
    expect(result.resultType).toBe('vector');
    if (result.resultType !== 'vector') return;
    expect(result.result).toHaveLength(1);
    expect(result.result[0].metric).toEqual({});
    expect(result.result[0].value[0]).toBe(time.getTime() / 1000);
    expect(result.result[0].value[1]).toBeCloseTo(0.087, 6);
  });

  it('returns scalars and keeps NaN and infinities as numbers', async () => {
    expect(await client.query('1 / 0')).toEqual({
      resultType: 'scalar',
      result: [expect.any(Number), Infinity],
    });
    const nan = await client.query('0 / 0');
    expect(nan.resultType === 'scalar' && Number.isNaN(nan.result[1])).toBe(
      true,
    );
    expect((await client.query('-1 / 0')).result).toEqual([
      expect.any(Number),
      -Infinity,
    ]);
  });

  it('runs a range query into a typed matrix', async () => {
    const end = new Date(Math.floor(now) * 1000);
    const start = new Date(end.getTime() - 15 * 60 * 1000);
    const result = await client.queryRange(
      renderQuery(DEFAULT_PROMETHEUS_QUERIES.tokensPerSecond.template, {
        namespace: 'team-assistant',
        model: 'llama-3-1-8b-instruct',
        window: '5m',
      }),
      { start, end, stepSeconds: 60 },
    );
    expect(result.resultType).toBe('matrix');
    expect(result.warnings).toEqual([]);
    expect(result.result).toHaveLength(1);
    const points = result.result[0].values;
    expect(points).toHaveLength(16);
    expect(points[0][0]).toBe(start.getTime() / 1000);
    for (const [, value] of points) {
      expect(value).toBeGreaterThan(180 * 6 * 0.85);
      expect(value).toBeLessThan(180 * 6 * 1.15);
    }
  });

  it('maps bad_data to Invalid with Prometheus message', async () => {
    const error = await expectUpstreamFailure(client.query('sum(rate(up[5m]'));
    expect(error.reason).toBe('Invalid');
    expect(error.status).toBe(400);
    expect(error.upstream).toBe('prometheus');
    expect(error.detail).toMatch(
      /^invalid parameter "query": 1:\d+: parse error/,
    );
  });

  it('maps execution errors (unsupported PromQL) to Invalid', async () => {
    const error = await expectUpstreamFailure(client.query('topk(3, up)'));
    expect(error.reason).toBe('Invalid');
    expect(error.status).toBe(422);
    expect(error.detail).toContain('does not support');
  });

  it('checks range parameters before sending', async () => {
    const end = new Date();
    await expect(
      client.queryRange('up', {
        start: new Date(end.getTime() + 1000),
        end,
        stepSeconds: 1,
      }),
    ).rejects.toMatchObject({ reason: 'Invalid' });
    await expect(
      client.queryRange('up', { start: new Date(0), end, stepSeconds: 1 }),
    ).rejects.toMatchObject({
      reason: 'Invalid',
      detail: expect.stringContaining('11000'),
    });
    await expect(
      client.queryRange('up', { start: end, end, stepSeconds: 0 }),
    ).rejects.toMatchObject({ reason: 'Invalid' });
  });

  it('fails with Unauthorized and no secret in the message when the token is wrong or missing', async () => {
    for (const token of ['wrong-token', undefined]) {
      const unauthorized = new PrometheusClient({
        environment: 'sandbox',
        access: httpAccess(server.url, { token }),
      });
      const error = await expectUpstreamFailure(unauthorized.query('up'));
      expect(error.reason).toBe('Unauthorized');
      expect(error.status).toBe(401);
      expect(error.message).not.toContain('wrong-token');
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('sends configured extra headers', async () => {
    const echo = await startTestServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [] },
        }),
      );
    });
    try {
      const withHeaders = new PrometheusClient({
        environment: 'sandbox',
        access: httpAccess(echo.url, {
          token: TOKEN,
          headers: { 'X-Scope-OrgID': 'team-a' },
        }),
      });
      expect(await withHeaders.query('up')).toEqual({
        resultType: 'vector',
        result: [],
      });
      expect(echo.requests[0].headers['x-scope-orgid']).toBe('team-a');
      expect(echo.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await echo.close();
    }
  });

  describe('against a server that never answers', () => {
    let silent: SilentServer;
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      const slow = new PrometheusClient({
        environment: 'sandbox',
        access: httpAccess(silent.url, { timeoutMs: 100 }),
      });
      const error = await expectUpstreamFailure(slow.query('up'));
      expect(error.reason).toBe('Timeout');
    });

    it('stops when aborted', async () => {
      const slow = new PrometheusClient({
        environment: 'sandbox',
        access: httpAccess(silent.url, { timeoutMs: 5000 }),
      });
      const controller = new AbortController();
      const pending = slow.query('up', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await expectUpstreamFailure(pending);
      expect(error.reason).toBe('Aborted');
    });
  });

  it('maps 503 to Unavailable and Prometheus timeouts to Timeout', async () => {
    const answers = [
      { status: 503, body: 'Service Unavailable' },
      {
        status: 503,
        body: JSON.stringify({
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        }),
      },
    ];
    let next = 0;
    const failing = await startTestServer((_req, res) => {
      const answer = answers[Math.min(next, answers.length - 1)];
      res.statusCode = answer.status;
      res.end(answer.body);
    });
    try {
      const failingClient = new PrometheusClient({
        environment: 'sandbox',
        access: httpAccess(failing.url),
      });
      const unavailable = await expectUpstreamFailure(
        failingClient.query('up'),
      );
      expect(unavailable.reason).toBe('Unavailable');
      expect(unavailable.status).toBe(503);
      next = 1;
      const timeout = await expectUpstreamFailure(failingClient.query('up'));
      expect(timeout.reason).toBe('Timeout');
      expect(timeout.detail).toBe('query timed out in expression evaluation');
    } finally {
      await failing.close();
    }
  });
});
