import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startLokiServer,
} from '@runtime-portal/runtime-sandbox';
import { LokiClient, buildStreamSelector } from './LokiClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import {
  SilentServer,
  startSilentServer,
  startTestServer,
} from '../testing/testServer';

describe('LokiClient', () => {
  let server: { url: string; close(): Promise<void> };
  let client: LokiClient;
  const end = new Date();
  const start = new Date(end.getTime() - 10 * 60_000);

  beforeAll(async () => {
    server = await startLokiServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      tenant: 'runtime',
    });
    client = new LokiClient({
      environment: 'dev',
      access: httpAccess(server.url, {
        headers: { 'X-Scope-OrgID': 'runtime' },
        timeoutMs: 5000,
      }),
    });
  });
  afterAll(() => server.close());

  it('builds an escaped stream selector', () => {
    expect(
      buildStreamSelector({ namespace: 'team-a', service: 'a"b\\c' }),
    ).toBe('{namespace="team-a", service="a\\"b\\\\c"}');
    expect(() => buildStreamSelector({ 'bad-name': 'x' })).toThrow(TypeError);
  });

  it("returns a service's lines newest first, within the range and the limit", async () => {
    const lines = await client.queryRange({
      query: buildStreamSelector({
        namespace: 'team-search',
        service: 'semantic-search',
      }),
      start,
      end,
      limit: 50,
    });
    expect(lines).toHaveLength(50);
    for (const line of lines) {
      expect(line.labels).toMatchObject({
        namespace: 'team-search',
        service: 'semantic-search',
      });
      expect(line.timestamp.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(line.timestamp.getTime()).toBeLessThan(end.getTime());
      expect(line.line).toMatch(/^level=(info|warn|error) ts=/);
    }
    const times = lines.map(l => BigInt(l.timestampNs));
    expect([...times].sort((a, b) => Number(b - a))).toEqual(times);
  });

  it('returns the same lines for the same query (deterministic), oldest first when forward', async () => {
    const query = '{service="support-assistant"}';
    const a = await client.queryRange({
      query,
      start,
      end,
      limit: 20,
      direction: 'forward',
    });
    const b = await client.queryRange({
      query,
      start,
      end,
      limit: 20,
      direction: 'forward',
    });
    expect(a).toEqual(b);
    expect(a[0].timestamp.getTime()).toBeLessThan(a[19].timestamp.getTime());
  });

  it('filters by the level label and by line content', async () => {
    const errors = await client.queryRange({
      query: '{service="support-assistant", level="error"}',
      start,
      end,
      limit: 500,
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every(
        l => l.line.startsWith('level=error') && l.labels.level === 'error',
      ),
    ).toBe(true);
    // 18 rps × 8.7 % errors: about 1.6 error lines a second.
    expect(errors.length).toBeGreaterThan(500 * 0.9);
    const timeouts = await client.queryRange({
      query:
        '{namespace=~"team-(assistant|media)"} |= "level=error" |~ "status=50[34]" != "GiB"',
      // Two minutes: the sandbox writes every line of every stream it scans, like Loki reading chunks.
      start: new Date(end.getTime() - 2 * 60_000),
      end,
      limit: 100,
    });
    expect(timeouts.length).toBeGreaterThan(0);
    expect(
      timeouts.every(
        l => /status=50[34]/.test(l.line) && !l.line.includes('GiB'),
      ),
    ).toBe(true);
  });

  it("fails with Invalid and Loki's parse error for a bad query", async () => {
    const error = await expectUpstreamFailure(
      client.queryRange({ query: '{service=}', start, end }),
    );
    expect(error).toMatchObject({
      upstream: 'loki',
      reason: 'Invalid',
      status: 400,
    });
    expect(error.detail).toMatch(
      /^parse error at line 1, col 10: syntax error/,
    );
    const empty = await expectUpstreamFailure(
      client.queryRange({ query: '{service=~".*"}', start, end }),
    );
    expect(empty.detail).toContain(
      'queries require at least one regexp or equality matcher',
    );
  });

  it('refuses a request without the tenant and shows another tenant nothing', async () => {
    const noTenant = new LokiClient({
      environment: 'dev',
      access: httpAccess(server.url),
    });
    const error = await expectUpstreamFailure(
      noTenant.queryRange({ query: '{service="x"}', start, end }),
    );
    expect(error).toMatchObject({
      reason: 'Unauthorized',
      status: 401,
      detail: 'no org id',
    });
    const other = new LokiClient({
      environment: 'dev',
      access: httpAccess(server.url, { headers: { 'X-Scope-OrgID': 'other' } }),
    });
    expect(
      await other.queryRange({
        query: '{service="semantic-search"}',
        start,
        end,
      }),
    ).toEqual([]);
  });

  it('answers raw requests as Loki does', async () => {
    const ready = await fetch(`${server.url}/ready`);
    expect(await ready.text()).toBe('ready\n');
    const tooMany = await fetch(
      `${server.url}/loki/api/v1/query_range?query=%7Bservice%3D%22x%22%7D&limit=6000`,
      { headers: { 'X-Scope-OrgID': 'runtime' } },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('content-type')).toMatch(/^text\/plain/);
    const rfc = await fetch(
      `${server.url}/loki/api/v1/query_range?query=${encodeURIComponent(
        '{service="semantic-search"}',
      )}&start=${start.toISOString()}&end=${end.toISOString()}&limit=3`,
      { headers: { 'X-Scope-OrgID': 'runtime' } },
    );
    const body = await rfc.json();
    expect(body).toMatchObject({
      status: 'success',
      data: { resultType: 'streams' },
    });
    expect(
      body.data.result.flatMap((s: { values: unknown[] }) => s.values),
    ).toHaveLength(3);
  });

  it('sends basic auth credentials and never shows them', async () => {
    const proxy = await startTestServer((_req, res) => {
      res
        .writeHead(401, { 'content-type': 'text/plain' })
        .end('invalid credentials\n');
    });
    try {
      const error = await expectUpstreamFailure(
        new LokiClient({
          environment: 'dev',
          access: httpAccess(proxy.url, {
            username: 'u',
            password: 'canary-pass',
          }),
        }).queryRange({ query: '{a="b"}', start, end }),
      );
      expect(proxy.requests[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from('u:canary-pass').toString('base64')}`,
      );
      expect(error).toMatchObject({ reason: 'Unauthorized' });
      expect(error.message).not.toContain('canary');
    } finally {
      await proxy.close();
    }
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let silentClient: LokiClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      silentClient = new LokiClient({
        environment: 'dev',
        access: httpAccess(silent.url, { timeoutMs: 100 }),
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(
        await expectUpstreamFailure(
          silentClient.queryRange({ query: '{a="b"}', start, end }),
        ),
      ).toMatchObject({ reason: 'Timeout' });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        silentClient.queryRange({
          query: '{a="b"}',
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
