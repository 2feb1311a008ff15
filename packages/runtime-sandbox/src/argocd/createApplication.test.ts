import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGitLabServer } from '../gitlab';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startArgoCdServer } from './startArgoCdServer';

const credentials = DEFAULT_SANDBOX_CREDENTIALS;
const SYNC_MS = 300;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls `read` until `done` holds of its answer (at most 10 s). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(100);
  }
  throw new Error('never happened');
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs-qa
spec:
  selector: { matchLabels: { app: docs-qa } }
  template:
    metadata: { labels: { app: docs-qa } }
    spec:
      containers:
        - name: app
          image: harbor.example.com/search-team/docs-qa:0.1.0
---
apiVersion: v1
kind: Service
metadata:
  name: docs-qa
spec:
  ports: [{ port: 8080 }]
`;

// The sandbox's Argo CD creating applications as Argo CD's API server does, reading sources from
// the sandbox GitLab over git's HTTP protocol.
describe('the sandbox Argo CD creates applications', () => {
  let gitlab: RunningServer;
  let argocd: RunningServer;
  let repoURL: string;
  let revision: string;

  beforeAll(async () => {
    const options = {
      port: 0,
      seed: loadSeed(),
      credentials,
      readyAfterMs: SYNC_MS,
    };
    gitlab = await startGitLabServer(options);
    argocd = await startArgoCdServer({ ...options, gitlabUrl: gitlab.url });
    // A search-team project with a deploy/ directory, pushed as a team would.
    const created = await fetch(`${gitlab.url}/api/v4/projects`, {
      method: 'POST',
      headers: {
        'private-token': credentials.gitlabToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        path: 'docs-qa',
        namespace_id: await groupId('search-team'),
      }),
    });
    if (created.status !== 201) {
      throw new Error(`could not create the project: ${created.status}`);
    }
    repoURL = (await created.json()).http_url_to_repo;
    const work = mkdtempSync(path.join(os.tmpdir(), 'docs-qa-'));
    try {
      mkdirSync(path.join(work, 'deploy'));
      writeFileSync(path.join(work, 'deploy/app.yaml'), DEPLOYMENT);
      // Asynchronous: the GitLab answering the push runs in this process.
      const git = async (...args: string[]) =>
        (
          await promisify(execFile)('git', args, {
            cwd: work,
            env: { ...process.env, HOME: work, GIT_TERMINAL_PROMPT: '0' },
          })
        ).stdout.trim();
      await git('init', '-q', '-b', 'main');
      await git(
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        'x',
      );
      await git('add', '.');
      await git(
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '-m',
        'deploy',
      );
      revision = await git('rev-parse', 'HEAD');
      const auth = Buffer.from(`oauth2:${credentials.gitlabToken}`).toString(
        'base64',
      );
      await git(
        '-c',
        `http.extraHeader=Authorization: Basic ${auth}`,
        'push',
        '-q',
        repoURL,
        'main',
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await argocd?.close();
    await gitlab?.close();
  });

  async function groupId(fullPath: string): Promise<number> {
    const response = await fetch(
      `${gitlab.url}/api/v4/groups/${encodeURIComponent(fullPath)}`,
      { headers: { 'private-token': credentials.gitlabToken } },
    );
    return (await response.json()).id;
  }

  async function api(pathAndQuery: string, body?: unknown) {
    const response = await fetch(`${argocd.url}/api/v1${pathAndQuery}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${credentials.argocdToken}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const application = (name: string, spec: Record<string, any> = {}) => ({
    metadata: {
      name,
      labels: {
        'runtime-portal.io/owner': 'search-team',
        'runtime-portal.io/service': 'docs-qa',
      },
    },
    spec: {
      project: 'search-team',
      source: { repoURL, path: 'deploy', targetRevision: 'HEAD' },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'team-search',
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false'],
      },
      ...spec,
    },
  });

  const refusal = (message: string) => ({ error: message, code: 3, message });

  it('creates an application that its automated policy syncs from the repository, then Healthy', async () => {
    const created = await api('/applications', application('docs-qa'));
    expect(created.status).toBe(200);
    expect(created.body.status).toEqual({
      sync: {
        status: '',
        comparedTo: { source: { repoURL: '' }, destination: {} },
      },
      health: {},
      summary: {},
      sourceHydrator: {},
    });
    const running = (await api('/applications/docs-qa')).body;
    expect(running.status).toMatchObject({
      sync: { status: 'OutOfSync', revision },
      health: { status: 'Missing' },
      operationState: {
        phase: 'Running',
        operation: { initiatedBy: { automated: true } },
      },
      summary: { images: ['harbor.example.com/search-team/docs-qa:0.1.0'] },
    });
    expect(
      running.status.resources.map((r: any) => [r.kind, r.name, r.namespace]),
    ).toEqual([
      ['Deployment', 'docs-qa', 'team-search'],
      ['Service', 'docs-qa', 'team-search'],
    ]);
    const get = async () => (await api('/applications/docs-qa')).body;
    const synced = await until(get, app => !app.operation);
    expect(synced.status).toMatchObject({
      sync: { status: 'Synced', revision },
      operationState: { phase: 'Succeeded', syncResult: { revision } },
      history: [{ id: 0, revision, initiatedBy: { automated: true } }],
    });
    // Progressing while its Deployment rolls out, then Healthy.
    expect(['Progressing', 'Healthy']).toContain(synced.status.health.status);
    const healthy = await until(
      get,
      app => app.status.health.status === 'Healthy',
    );
    expect(healthy.status.resources.map((r: any) => r.health.status)).toEqual([
      'Healthy',
      'Healthy',
    ]);
  });

  it('answers the same application again as it is, and refuses a changed one unless upsert', async () => {
    const again = await api('/applications', application('docs-qa'));
    expect(again.body.message).toBeUndefined();
    expect(again.status).toBe(200);
    expect(again.body.status.sync.status).toBe('Synced');
    const changed = application('docs-qa', {
      source: { repoURL, path: 'deploy', targetRevision: 'main' },
    });
    expect(await api('/applications', changed)).toEqual({
      status: 400,
      body: refusal(
        'existing application spec is different, use upsert flag to force update',
      ),
    });
    const upserted = await api('/applications?upsert=true', changed);
    expect(upserted.status).toBe(200);
    const stored = (await api('/applications/docs-qa')).body;
    expect(stored.spec.source.targetRevision).toBe('main');
    expect(stored.metadata.generation).toBe(2);
  });

  it('refuses a path or repository the repo server cannot read, unless validate=false', async () => {
    expect(
      await api(
        '/applications',
        application('docs-qa-nopath', {
          source: { repoURL, path: 'nope', targetRevision: 'HEAD' },
        }),
      ),
    ).toEqual({
      status: 400,
      body: refusal(
        'error while validating and normalizing app: rpc error: code = InvalidArgument desc = application spec for docs-qa-nopath is invalid: InvalidSpecError: Unable to generate manifests in nope: rpc error: code = Unknown desc = nope: app path does not exist',
      ),
    });
    const missing = `${gitlab.url}/search-team/absent.git`;
    const noRepo = application('docs-qa-norepo', {
      source: { repoURL: missing, path: 'deploy', targetRevision: 'HEAD' },
    });
    const refused = await api('/applications', noRepo);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'error while validating and normalizing app: rpc error: code = InvalidArgument desc = application spec for docs-qa-norepo is invalid: InvalidSpecError: Unable to generate manifests in deploy: rpc error: code = Unknown desc = failed to list refs: repository not found',
    );
    expect((await api('/applications?validate=false', noRepo)).status).toBe(
      200,
    );
  });

  it("refuses another team's repository or namespace, and an unknown project or cluster", async () => {
    const media = `${gitlab.url}/media-team/meeting-transcriber.git`;
    expect(
      (
        await api(
          '/applications',
          application('x1', {
            source: { repoURL: media, path: 'deploy', targetRevision: 'HEAD' },
          }),
        )
      ).body.message,
    ).toBe(
      `error while validating and normalizing app: rpc error: code = InvalidArgument desc = application spec for x1 is invalid: InvalidSpecError: application repo ${media} is not permitted in project 'search-team'`,
    );
    expect(
      (await api('/applications', application('x2', { project: 'media-team' })))
        .body.message,
    ).toContain(
      "do not match any of the allowed destinations in project 'media-team'",
    );
    expect(
      await api('/applications', application('x3', { project: 'nope' })),
    ).toEqual({
      status: 400,
      body: refusal(
        'app is not allowed in project "nope", or the project does not exist',
      ),
    });
    expect(
      (
        await api(
          '/applications',
          application('x4', {
            destination: {
              server: 'https://elsewhere:6443',
              namespace: 'team-search',
            },
          }),
        )
      ).body.message,
    ).toBe(
      'error while validating and normalizing app: rpc error: code = InvalidArgument desc = application destination spec for x4 is invalid: error getting cluster by server "https://elsewhere:6443": rpc error: code = NotFound desc = cluster "https://elsewhere:6443" not found',
    );
    expect(
      (await api('/applications?upsert=maybe', application('x5'))).body.message,
    ).toBe(
      'type mismatch, parameter: upsert, error: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
  });

  it("validates the application against Argo CD's own CRD once Argo CD's checks pass", async () => {
    const named = await api('/applications', application('Docs_QA'));
    expect(named.status).toBe(400);
    expect(named.body.message).toMatch(
      /^error creating application: Application\.argoproj\.io "Docs_QA" is invalid: metadata\.name: Invalid value: "Docs_QA": a lowercase RFC 1123 subdomain/,
    );
    const labelled = application('x6');
    labelled.metadata.labels['runtime-portal.io/service'] = 'not a label value';
    const invalid = await api('/applications', labelled);
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(
      /^error creating application: Application\.argoproj\.io "x6" is invalid: metadata\.labels: Invalid value: "not a label value"/,
    );
    // The CRD's own schema (spec.source.repoURL is required there).
    const sourceless = await api(
      '/applications?validate=false',
      application('x7', { source: { path: 'deploy' } }),
    );
    expect(sourceless.body.message).toContain('is not permitted in project');
    expect((await api('/applications/x6?project=search-team')).status).toBe(
      404,
    );
  });

  it('keeps the seeded applications as they were', async () => {
    const { body } = await api('/applications/semantic-search');
    expect(body.status.sync.status).toBe('Synced');
    expect(body.spec.syncPolicy).toEqual({
      syncOptions: ['CreateNamespace=false'],
    });
  });
});
