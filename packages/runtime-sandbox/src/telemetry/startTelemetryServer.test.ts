import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { loadSeed } from '../seed';
import { startTelemetryServer } from './startTelemetryServer';

describe('startTelemetryServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTelemetryServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  it('serves /metrics in the text format with counters that grow between scrapes', async () => {
    const scrape = async () => {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'text/plain; version=0.0.4; charset=utf-8',
      );
      const text = await response.text();
      const match =
        /^vllm:generation_tokens_total\{namespace="team-assistant",model_name="llama-3-1-8b-instruct",engine="0"\} (\S+)$/m.exec(
          text,
        );
      return Number(match![1]);
    };
    const first = await scrape();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(await scrape()).toBeGreaterThan(first);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});
