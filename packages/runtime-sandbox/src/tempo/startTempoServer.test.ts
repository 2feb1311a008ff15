import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { loadSeed } from '../seed';
import { startTempoServer } from './startTempoServer';

describe('startTempoServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTempoServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  const search = (q: string) =>
    fetch(`${server.url}/api/search?${new URLSearchParams({ q, limit: '3' })}`);

  it('answers a spanset filter with traces whose matching spans pass it', async () => {
    const response = await search('{ status = error && kind = server }');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.traces.length).toBeGreaterThan(0);
    for (const trace of body.traces) {
      for (const span of trace.spanSet.spans) {
        expect(span.attributes).toContainEqual({
          key: 'status',
          value: { stringValue: 'error' },
        });
      }
    }
  });

  it('answers a TraceQL syntax error 400 with Tempo’s plain-text message', async () => {
    const response = await search('{ .a | .b }');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      'invalid TraceQL query: parse error at line 1, col 6: syntax error: unexpected |',
    );
  });

  it('answers valid TraceQL it does not evaluate 400 in plain text, saying so', async () => {
    const response = await search('{ status = error } | count() > 2');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /^the sandbox Tempo does not support .*only one spanset filter/,
    );
  });
});
