import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { loadSeed } from '../seed';
import { startLokiServer } from './startLokiServer';

describe('startLokiServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLokiServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  /** A query over the last minute (the simulated streams write many lines a second). */
  const queryRange = (query: string) => {
    const end = Date.now() * 1_000_000;
    return fetch(
      `${server.url}/loki/api/v1/query_range?${new URLSearchParams({
        query,
        limit: '5',
        start: String(end - 60e9),
        end: String(end),
      })}`,
    );
  };

  it('answers a selector with line filters with the matching lines', async () => {
    const response = await queryRange(
      '{namespace="team-search"} |~ "(?i)(error|exception|fatal)"',
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.result.length).toBeGreaterThan(0);
    for (const stream of body.data.result) {
      expect(stream.stream.namespace).toBe('team-search');
      for (const [, line] of stream.values) expect(line).toMatch(/error/i);
    }
  });

  it("answers the portal's query for a runtime component with its error lines, newest first", async () => {
    // As the runtime-backend's logs signal asks: the component's namespace and id, the default error
    // filter, the last hour, backward.
    const end = BigInt(Date.now()) * 1_000_000n;
    const response = await fetch(
      `${server.url}/loki/api/v1/query_range?${new URLSearchParams({
        query:
          '{namespace="runtime-monitoring", service="loki"} |~ "(?i)(error|exception|fatal)"',
        limit: '50',
        start: String(end - 3600n * 1_000_000_000n),
        end: String(end),
        direction: 'backward',
      })}`,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    const values: [string, string][] = body.data.result.flatMap(
      (stream: { values: [string, string][] }) => stream.values,
    );
    expect(values).toHaveLength(50);
    for (const stream of body.data.result) {
      expect(stream.stream).toEqual({
        job: 'runtime-monitoring/loki',
        level: 'error',
        namespace: 'runtime-monitoring',
        service: 'loki',
      });
    }
    for (const [, line] of values) {
      expect(line).toMatch(/^level=error ts=\S+ caller=\S+ msg=/);
    }
    // One of Loki's replicas fails its scrapes in the seed: the others cannot reach it.
    expect(values.map(([, line]) => line)).toContainEqual(
      expect.stringMatching(/error contacting scheduler|too many unhealthy/),
    );
    const times = values.map(([ns]) => BigInt(ns));
    for (let i = 1; i < times.length; i++) {
      expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
    }
  });

  it('answers a LogQL syntax error 400 with Loki’s plain-text parse error', async () => {
    const response = await queryRange('{namespace="team-search"} foo');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(
      'text/plain; charset=utf-8',
    );
    expect(await response.text()).toBe(
      'parse error at line 1, col 27: syntax error: unexpected IDENTIFIER',
    );
  });

  it('answers valid LogQL it does not evaluate 400 in plain text, saying so', async () => {
    const response = await queryRange('{namespace="team-search"} | logfmt');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      'the sandbox Loki does not support label parsers',
    );
  });
});
