import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startTempoServer,
} from '@runtime-portal/runtime-sandbox';
import { TempoClient } from './TempoClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import {
  SilentServer,
  startSilentServer,
  startTestServer,
} from '../testing/testServer';

describe('TempoClient', () => {
  let server: { url: string; close(): Promise<void> };
  let client: TempoClient;
  const end = new Date();
  const start = new Date(end.getTime() - 3_600_000);

  beforeAll(async () => {
    server = await startTempoServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    client = new TempoClient({
      environment: 'dev',
      access: httpAccess(server.url, { timeoutMs: 5000 }),
    });
  });
  afterAll(() => server.close());

  it("finds a service's failed traces with TraceQL, newest first, within the limit", async () => {
    const traces = await client.search({
      query:
        '{ resource.service.name = "support-assistant" && status = error }',
      limit: 5,
      start,
      end,
    });
    expect(traces).toHaveLength(5);
    for (const trace of traces) {
      expect(trace.rootServiceName).toBe('support-assistant');
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.startTime.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
    const times = traces.map(t => t.startTime.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const full = await client.getTrace(traces[0].traceId);
    expect(
      full!.spans.some(
        s => s.status === 'error' && s.serviceName === 'support-assistant',
      ),
    ).toBe(true);
  });

  it('finds slow traces by duration, and by tags with a minimum duration', async () => {
    const slow = await client.search({
      query: '{ .service.name = "meeting-transcriber" && duration >= 9s }',
      limit: 10,
      start,
      end,
    });
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every(t => t.durationMs >= 9000)).toBe(true);
    const tagged = await client.search({
      tags: { 'service.name': 'meeting-transcriber' },
      minDurationMs: 9000,
      limit: 10,
      start,
      end,
    });
    expect(tagged.map(t => t.traceId)).toEqual(slow.map(t => t.traceId));
  });

  it("reads a trace's spans by id, and answers undefined for an unknown id", async () => {
    const [trace] = await client.search({
      tags: { 'service.name': 'semantic-search' },
      limit: 1,
      start,
      end,
    });
    const full = await client.getTrace(trace.traceId);
    expect(full!.traceId).toBe(trace.traceId);
    const root = full!.spans.find(s => !s.parentSpanId)!;
    expect(root).toMatchObject({
      name: trace.rootTraceName,
      serviceName: 'semantic-search',
      kind: 'SPAN_KIND_SERVER',
    });
    expect(root.durationMs).toBe(trace.durationMs);
    expect(
      full!.spans.filter(s => s.parentSpanId === root.spanId).length,
    ).toBeGreaterThan(0);
    expect(
      await client.getTrace('0123456789abcdef0123456789abcdef'),
    ).toBeUndefined();
  });

  it('fails with Invalid for a query Tempo cannot parse', async () => {
    const error = await expectUpstreamFailure(
      client.search({ query: '{ resource.service.name = }', start, end }),
    );
    expect(error).toMatchObject({
      upstream: 'tempo',
      reason: 'Invalid',
      status: 400,
    });
    expect(error.detail).toMatch(
      /^invalid TraceQL query: parse error at line 1, col 27/,
    );
  });

  it('fails with Unauthorized behind an authenticating gateway, never showing the token', async () => {
    const gateway = await startTestServer((_req, res) =>
      res.writeHead(401).end('unauthorized'),
    );
    try {
      const error = await expectUpstreamFailure(
        new TempoClient({
          environment: 'dev',
          access: httpAccess(gateway.url, { token: 'canary-token' }),
        }).search({ query: '{}', start, end }),
      );
      expect(error).toMatchObject({ reason: 'Unauthorized', status: 401 });
      expect(error.message).not.toContain('canary');
    } finally {
      await gateway.close();
    }
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let silentClient: TempoClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      silentClient = new TempoClient({
        environment: 'dev',
        access: httpAccess(silent.url, { timeoutMs: 100 }),
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(
        await expectUpstreamFailure(silentClient.getTrace('abc')),
      ).toMatchObject({
        reason: 'Timeout',
      });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        silentClient.search({
          query: '{}',
          start,
          end,
          signal: controller.signal,
        }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });
  });
});
