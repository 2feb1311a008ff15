import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
} from '@runtime-portal/runtime-sandbox';
// Until the sandbox's index exports them (then import them from '@runtime-portal/runtime-sandbox').
import { startPrometheusServer } from '@runtime-portal/runtime-sandbox';
import { TelemetryModel } from '@runtime-portal/runtime-sandbox';
import { HttpServiceAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { DEFAULT_PROMETHEUS_QUERIES, renderQuery } from './defaultQueries';
import { PrometheusClient } from './PrometheusClient';

const seed = loadSeed();
const now = Date.now() / 1000;
const model = new TelemetryModel(seed, { startedAtSeconds: now - 3 * 3600 });
const TOKEN = 'prometheus-secret-token';

function access(
  url: string,
  overrides: Partial<HttpServiceAccess> = {},
): HttpServiceAccess {
  return { url, headers: {}, timeoutMs: 2000, ...overrides };
}

async function failure(
  promise: Promise<unknown>,
): Promise<RuntimeUpstreamError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(RuntimeUpstreamError);
  return error as RuntimeUpstreamError;
}

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
      access: access(server.url, { token: TOKEN }),
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
    const error = await failure(client.query('sum(rate(up[5m]'));
    expect(error.reason).toBe('Invalid');
    expect(error.status).toBe(400);
    expect(error.upstream).toBe('prometheus');
    expect(error.detail).toMatch(
      /^invalid parameter "query": 1:\d+: parse error/,
    );
  });

  it('maps execution errors (unsupported PromQL) to Invalid', async () => {
    const error = await failure(client.query('topk(3, up)'));
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
        access: access(server.url, { token }),
      });
      const error = await failure(unauthorized.query('up'));
      expect(error.reason).toBe('Unauthorized');
      expect(error.status).toBe(401);
      expect(error.message).not.toContain('wrong-token');
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('sends configured extra headers', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const echo = http.createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [] },
        }),
      );
    });
    await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
    try {
      const port = (echo.address() as AddressInfo).port;
      const withHeaders = new PrometheusClient({
        environment: 'sandbox',
        access: access(`http://127.0.0.1:${port}`, {
          token: TOKEN,
          headers: { 'X-Scope-OrgID': 'team-a' },
        }),
      });
      expect(await withHeaders.query('up')).toEqual({
        resultType: 'vector',
        result: [],
      });
      expect(seen[0]['x-scope-orgid']).toBe('team-a');
      expect(seen[0].authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      echo.closeAllConnections();
      await new Promise(resolve => echo.close(resolve));
    }
  });

  describe('against a server that never answers', () => {
    let silent: http.Server;
    let url: string;
    beforeAll(async () => {
      silent = http.createServer(() => {
        // holds every request
      });
      await new Promise<void>(resolve =>
        silent.listen(0, '127.0.0.1', resolve),
      );
      url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise(resolve => silent.close(resolve));
    });

    it('times out', async () => {
      const slow = new PrometheusClient({
        environment: 'sandbox',
        access: access(url, { timeoutMs: 100 }),
      });
      const error = await failure(slow.query('up'));
      expect(error.reason).toBe('Timeout');
    });

    it('stops when aborted', async () => {
      const slow = new PrometheusClient({
        environment: 'sandbox',
        access: access(url, { timeoutMs: 5000 }),
      });
      const controller = new AbortController();
      const pending = slow.query('up', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await failure(pending);
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
    const failing = http.createServer((_req, res) => {
      const answer = answers[Math.min(next, answers.length - 1)];
      res.statusCode = answer.status;
      res.end(answer.body);
    });
    await new Promise<void>(resolve => failing.listen(0, '127.0.0.1', resolve));
    try {
      const failingClient = new PrometheusClient({
        environment: 'sandbox',
        access: access(
          `http://127.0.0.1:${(failing.address() as AddressInfo).port}`,
        ),
      });
      const unavailable = await failure(failingClient.query('up'));
      expect(unavailable.reason).toBe('Unavailable');
      expect(unavailable.status).toBe(503);
      next = 1;
      const timeout = await failure(failingClient.query('up'));
      expect(timeout.reason).toBe('Timeout');
      expect(timeout.detail).toBe('query timed out in expression evaluation');
    } finally {
      failing.closeAllConnections();
      await new Promise(resolve => failing.close(resolve));
    }
  });
});
