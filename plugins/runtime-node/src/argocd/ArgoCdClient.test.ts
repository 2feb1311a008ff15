import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startArgoCdServer,
} from '@runtime-portal/runtime-sandbox';
import { HttpServiceAccess } from '../config';
import { ArgoCdClient } from './ArgoCdClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { SilentServer, startSilentServer } from '../testing/testServer';

describe('ArgoCdClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: HttpServiceAccess;
  let client: ArgoCdClient;

  beforeAll(async () => {
    server = await startArgoCdServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      // Long enough that a second sync lands while the first still runs, however busy the machine.
      readyAfterMs: 1000,
      gitlabUrl: 'http://127.0.0.1:8929',
    });
    access = httpAccess(server.url, {
      token: DEFAULT_SANDBOX_CREDENTIALS.argocdToken,
    });
    client = new ArgoCdClient({ environment: 'dev', access });
  });
  afterAll(() => server.close());

  it('lists applications by label selector as typed summaries', async () => {
    const apps = await client.listApplications({
      selector: 'app.kubernetes.io/name=semantic-search',
    });
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      name: 'semantic-search',
      project: 'search-team',
      source: {
        repoURL: 'http://127.0.0.1:8929/search-team/semantic-search.git',
        path: 'deploy',
        targetRevision: 'main',
      },
      destination: { namespace: 'team-search' },
      sync: {
        status: 'Synced',
        revision: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      health: { status: 'Healthy' },
      operationState: { phase: 'Succeeded' },
      images: [expect.stringContaining('search-team/semantic-search:1.8.2')],
    });
    expect(apps[0].history).toHaveLength(3);
  });

  it('lists by name and by projects', async () => {
    expect(
      (await client.listApplications({ name: 'support-assistant' })).map(
        a => a.name,
      ),
    ).toEqual(['support-assistant']);
    expect(
      (
        await client.listApplications({
          projects: ['media-team', 'assistant-team'],
        })
      ).map(a => a.name),
    ).toEqual(['meeting-transcriber', 'support-assistant']);
  });

  it('gets one application; an unknown one is Forbidden, or NotFound within a project', async () => {
    expect((await client.getApplication('support-assistant')).sync.status).toBe(
      'OutOfSync',
    );
    expect(
      await expectUpstreamFailure(client.getApplication('nope')),
    ).toMatchObject({
      upstream: 'argocd',
      reason: 'Forbidden',
      status: 403,
      detail: 'permission denied',
    });
    const error = await expectUpstreamFailure(
      client.getApplication('nope', { project: 'assistant-team' }),
    );
    expect(error).toMatchObject({
      upstream: 'argocd',
      reason: 'NotFound',
      status: 404,
      detail: 'applications.argoproj.io "nope" not found',
    });
  });

  it('syncs: the operation runs, then the application is Synced with a new history entry', async () => {
    const started = await client.sync('support-assistant', { prune: true });
    expect(started.operationState).toBeUndefined();
    expect(started.requestedOperation).toMatchObject({
      prune: true,
      initiatedBy: 'admin',
    });
    expect(
      (await client.getApplication('support-assistant')).operationState?.phase,
    ).toBe('Running');
    const busy = await expectUpstreamFailure(client.sync('support-assistant'));
    expect(busy).toMatchObject({ reason: 'Conflict', status: 400 });
    await new Promise(resolve => setTimeout(resolve, 1100));
    const after = await client.getApplication('support-assistant');
    expect(after.operationState).toMatchObject({
      phase: 'Succeeded',
      finishedAt: expect.any(String),
      revision: after.sync.revision,
    });
    expect(after.sync.status).toBe('Synced');
    expect(after.history).toHaveLength(2);
  });

  it('fails with Unauthorized, without the token in the message', async () => {
    const wrong = new ArgoCdClient({
      environment: 'dev',
      access: { ...access, token: 'wrong-argocd-secret' },
    });
    const error = await expectUpstreamFailure(
      wrong.listApplications({ name: 'x' }),
    );
    expect(error).toMatchObject({
      reason: 'Unauthorized',
      status: 401,
      detail: 'no session information',
    });
    expect(error.message).not.toContain('wrong-argocd-secret');
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let slow: ArgoCdClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      slow = new ArgoCdClient({
        environment: 'dev',
        access: { ...access, url: silent.url, timeoutMs: 100 },
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(
        await expectUpstreamFailure(slow.getApplication('x')),
      ).toMatchObject({
        reason: 'Timeout',
      });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        slow.sync('x', { signal: controller.signal }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });
  });
});
