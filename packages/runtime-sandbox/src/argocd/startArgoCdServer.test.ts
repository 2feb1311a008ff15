import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startArgoCdServer } from './startArgoCdServer';

const token = DEFAULT_SANDBOX_CREDENTIALS.argocdToken;

describe('startArgoCdServer', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startArgoCdServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      // Long enough that a second sync lands while the first still runs, however busy the machine.
      readyAfterMs: 1000,
      gitlabUrl: 'http://127.0.0.1:8929',
    });
  });
  afterAll(() => server.close());

  async function api(
    path: string,
    init: RequestInit = {},
    auth = `Bearer ${token}`,
  ) {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: auth, 'content-type': 'application/json' },
    });
    return { status: response.status, body: await response.json() };
  }

  it('refuses a missing or wrong token with code 16', async () => {
    for (const auth of ['', 'Bearer wrong']) {
      const { status, body } = await api('/applications', {}, auth);
      expect(status).toBe(401);
      expect(body).toEqual({
        error: 'no session information',
        code: 16,
        message: 'no session information',
      });
    }
  });

  it('lists the seeded applications with their source, destination and status', async () => {
    const { body } = await api('/applications');
    expect(body.metadata).toEqual({ resourceVersion: expect.any(String) });
    expect(body.items.map((a: any) => a.metadata.name)).toEqual([
      'meeting-transcriber',
      'semantic-search',
      'support-assistant',
    ]);
    const search = body.items[1];
    expect(search).toMatchObject({
      metadata: { labels: { 'app.kubernetes.io/name': 'semantic-search' } },
      spec: {
        project: 'search-team',
        source: {
          repoURL: 'http://127.0.0.1:8929/search-team/semantic-search.git',
          path: 'deploy',
          targetRevision: 'main',
        },
        destination: { namespace: 'team-search' },
      },
      status: {
        sync: {
          status: 'Synced',
          revision: expect.stringMatching(/^[0-9a-f]{40}$/),
        },
        health: { status: 'Healthy' },
        operationState: { phase: 'Succeeded', finishedAt: expect.any(String) },
        summary: {
          images: ['harbor.example.com/search-team/semantic-search:1.8.2'],
        },
      },
    });
    expect(search.status.history).toHaveLength(3);
    expect(search.status.history[2].revision).toBe(search.status.sync.revision);
  });

  it('filters by label selector (equality, inequality, set), name and project', async () => {
    const names = async (query: string) =>
      (await api(`/applications?${query}`)).body.items.map(
        (a: any) => a.metadata.name,
      );
    expect(
      await names(
        `selector=${encodeURIComponent(
          'app.kubernetes.io/name=semantic-search',
        )}`,
      ),
    ).toEqual(['semantic-search']);
    expect(
      await names(
        `selector=${encodeURIComponent(
          'app.kubernetes.io/part-of!=search-team',
        )}`,
      ),
    ).toEqual(['meeting-transcriber', 'support-assistant']);
    expect(
      await names(
        `selector=${encodeURIComponent(
          'app.kubernetes.io/name in (support-assistant,meeting-transcriber)',
        )}`,
      ),
    ).toEqual(['meeting-transcriber', 'support-assistant']);
    expect(await names('name=support-assistant')).toEqual([
      'support-assistant',
    ]);
    expect(await names('projects=media-team&projects=search-team')).toEqual([
      'meeting-transcriber',
      'semantic-search',
    ]);
    expect(await names('name=nothing')).toEqual([]);
  });

  it('answers an unknown application with 403 code 7, or 404 code 5 when a project is given', async () => {
    const denied = await api('/applications/nope');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: 'permission denied',
      code: 7,
      message: 'permission denied',
    });
    const missing = {
      error: 'applications.argoproj.io "nope" not found',
      code: 5,
      message: 'applications.argoproj.io "nope" not found',
    };
    const unknown = await api('/applications/nope?project=search-team');
    expect(unknown).toEqual({ status: 404, body: missing });
    const otherProject = await api(
      '/applications/semantic-search?project=media-team',
    );
    expect(otherProject.status).toBe(404);
    expect(
      (await api('/applications/semantic-search?projects=search-team')).status,
    ).toBe(200);
    const two = await api(
      '/applications/semantic-search?projects=a&projects=b',
    );
    expect(two.status).toBe(400);
    expect(two.body.code).toBe(3);
  });

  it('syncs an OutOfSync application: Running, then Succeeded, Synced, with a history entry', async () => {
    const before = (await api('/applications/support-assistant')).body;
    expect(before.status.sync.status).toBe('OutOfSync');
    expect(before.status.history).toHaveLength(1);

    const started = await api('/applications/support-assistant/sync', {
      method: 'POST',
      body: JSON.stringify({ prune: true }),
    });
    expect(started.status).toBe(200);
    // As SetAppOperation answers: the operation set, its state not yet written by the controller.
    expect(started.body.operation).toMatchObject({
      sync: { revision: before.status.sync.revision, prune: true },
      initiatedBy: { username: 'admin' },
    });
    expect(started.body.status.operationState).toBeUndefined();
    expect(
      (await api('/applications/support-assistant')).body.status.operationState,
    ).toMatchObject({ phase: 'Running', startedAt: expect.any(String) });
    const again = await api('/applications/support-assistant/sync', {
      method: 'POST',
      body: '{}',
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe(9);

    await new Promise(resolve => setTimeout(resolve, 1100));
    const after = (await api('/applications/support-assistant')).body;
    expect(after.status.operationState).toMatchObject({
      phase: 'Succeeded',
      finishedAt: expect.any(String),
      syncResult: { revision: before.status.sync.revision },
    });
    expect(after.status.sync.status).toBe('Synced');
    expect(after.status.history).toHaveLength(2);
    expect(after.status.history[1]).toMatchObject({
      id: 1,
      revision: before.status.sync.revision,
      source: before.spec.source,
    });
  });
});
