import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGrafanaServer,
} from '@runtime-portal/runtime-sandbox';
import { GrafanaClient } from './GrafanaClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { SilentServer, startSilentServer } from '../testing/testServer';

describe('GrafanaClient', () => {
  let server: { url: string; close(): Promise<void> };
  const clientWith = (token: string | undefined, uiUrl?: string) =>
    new GrafanaClient({
      environment: 'dev',
      access: httpAccess(server.url, { token, uiUrl }),
    });

  beforeAll(async () => {
    server = await startGrafanaServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  it("finds a service's dashboard by tag, with an absolute UI link", async () => {
    const dashboards = await clientWith(
      DEFAULT_SANDBOX_CREDENTIALS.grafanaToken,
      'https://grafana.example.com/',
    ).searchDashboards({
      tags: ['support-assistant'],
    });
    expect(dashboards).toEqual([
      {
        uid: expect.any(String),
        title: 'support-assistant / Service',
        url: expect.stringMatching(
          /^https:\/\/grafana\.example\.com\/d\/[0-9a-f]+\/support-assistant-service$/,
        ),
        tags: expect.arrayContaining(['support-assistant']),
        folderTitle: 'assistant-team',
      },
    ]);
  });

  it('needs every tag (AND), and filters by title', async () => {
    const client = clientWith(DEFAULT_SANDBOX_CREDENTIALS.grafanaToken);
    expect(
      (await client.searchDashboards({ tags: ['vllm', 'inference'] })).map(
        d => d.title,
      ),
    ).toEqual(['Runtime / vLLM']);
    expect(
      await client.searchDashboards({ tags: ['vllm', 'service'] }),
    ).toEqual([]);
    const runtime = await client.searchDashboards({ tags: ['runtime'] });
    expect(runtime.map(d => d.title)).toEqual(
      expect.arrayContaining(['Runtime / Overview', 'Runtime / kubeai']),
    );
    expect(runtime.every(d => d.url.startsWith(`${server.url}/d/`))).toBe(true);
    expect(
      (await client.searchDashboards({ tags: [], query: 'vllm' })).map(
        d => d.title,
      ),
    ).toEqual(['Runtime / vLLM']);
  });

  it('fails with Unauthorized for a missing or wrong token, never showing it', async () => {
    for (const [token, detail] of [
      [undefined, 'Unauthorized'],
      ['wrong-canary-token', 'Invalid API key'],
    ]) {
      const error = await expectUpstreamFailure(
        clientWith(token).searchDashboards({ tags: ['runtime'] }),
      );
      expect(error).toMatchObject({
        upstream: 'grafana',
        reason: 'Unauthorized',
        status: 401,
        detail,
      });
      expect(error.message).not.toContain('canary');
    }
  });

  it('answers health without a token', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(await response.json()).toMatchObject({ database: 'ok' });
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let client: GrafanaClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      client = new GrafanaClient({
        environment: 'dev',
        access: httpAccess(silent.url, { token: 't', timeoutMs: 100 }),
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(
        await expectUpstreamFailure(client.searchDashboards({ tags: ['x'] })),
      ).toMatchObject({ reason: 'Timeout' });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        client.searchDashboards({ tags: ['x'], signal: controller.signal }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });
  });
});
