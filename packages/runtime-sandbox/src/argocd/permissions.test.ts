import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startArgoCdServer } from './startArgoCdServer';

const PORTAL = DEFAULT_SANDBOX_CREDENTIALS.argocdToken;
const ADMIN = 'sandbox-argocd-admin-token';

/** A policy for the account `portal`: reads in two projects, syncs and creates in one. */
const POLICY = [
  'p, portal, applications, get, search-team/*, allow',
  'p, portal, applications, get, media-team/*, allow',
  'p, portal, applications, sync, search-team/*, allow',
  'p, portal, applications, create, search-team/*, allow',
].join('\n');

describe("the sandbox Argo CD enforces the portal account's RBAC", () => {
  let server: RunningServer;
  let deployDir: string;
  /** Whole seconds around the server's start, when it issued its tokens. */
  let startWindow: [number, number];

  beforeAll(async () => {
    deployDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-argocd-rbac-'));
    fs.mkdirSync(path.join(deployDir, 'argocd'));
    const configMap = (name: string, data: Record<string, string>) =>
      fs.writeFileSync(
        path.join(deployDir, 'argocd', `${name}.yaml`),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: 'argocd' },
          data,
        }),
      );
    configMap('argocd-cm', { 'accounts.portal': 'apiKey' });
    configMap('argocd-rbac-cm', { 'policy.portal.csv': POLICY });
    const before = Math.floor(Date.now() / 1000) * 1000;
    server = await startArgoCdServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: { ...DEFAULT_SANDBOX_CREDENTIALS, argocdToken: ADMIN },
      readyAfterMs: 60_000,
      deployDir,
    });
    startWindow = [before, Date.now()];
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(deployDir, { recursive: true, force: true });
  });

  async function api(
    method: string,
    urlPath: string,
    token = PORTAL,
    body?: unknown,
  ) {
    const response = await fetch(`${server.url}/api/v1${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const denied = (message = 'permission denied') => ({
    status: 403,
    body: { error: message, code: 7, message },
  });
  /** EnforceErr's message for the portal's token (issued when the server started). */
  const detail = (request: string) =>
    expect.stringMatching(
      new RegExp(
        `^(.*: )?permission denied: ${request.replace(
          /[.*+?^${}()|[\]\\/]/g,
          '\\$&',
        )}, sub: portal, iat: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`,
      ),
    );

  it('lists only the applications the account may get; admin sees them all', async () => {
    const names = async (token: string) =>
      (await api('GET', '/applications', token)).body.items.map(
        (a: any) => a.metadata.name,
      );
    expect(await names(PORTAL)).toEqual([
      'meeting-transcriber',
      'semantic-search',
    ]);
    expect(await names(ADMIN)).toEqual([
      'meeting-transcriber',
      'semantic-search',
      'support-assistant',
    ]);
    expect((await api('GET', '/applications', 'other')).status).toBe(401);
  });

  it('answers a get it may not make as Argo CD does, without revealing whether the application exists', async () => {
    expect((await api('GET', '/applications/semantic-search')).status).toBe(
      200,
    );
    expect(await api('GET', '/applications/support-assistant')).toEqual(
      denied(),
    );
    expect(
      await api(
        'GET',
        '/applications/support-assistant?project=assistant-team',
      ),
    ).toEqual(denied());
    // Allowed in the project asked for, but the application is another project's: not found.
    const elsewhere = await api(
      'GET',
      '/applications/support-assistant?project=search-team',
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe(5);
  });

  it('syncs only where it may sync, as its own account', async () => {
    const refused = await api(
      'POST',
      '/applications/meeting-transcriber/sync',
      PORTAL,
      {},
    );
    expect(refused).toEqual({
      status: 403,
      body: {
        error: refused.body.message,
        code: 7,
        message: detail('applications, sync, media-team/meeting-transcriber'),
      },
    });
    // The token's issue time: when the server started.
    const iat = Date.parse(/iat: (.*)$/.exec(refused.body.message)![1]);
    expect(iat).toBeGreaterThanOrEqual(startWindow[0]);
    expect(iat).toBeLessThanOrEqual(startWindow[1]);
    expect(
      await api('POST', '/applications/support-assistant/sync', PORTAL, {}),
    ).toEqual(denied());
    const synced = await api(
      'POST',
      '/applications/semantic-search/sync',
      PORTAL,
      {},
    );
    expect(synced.status).toBe(200);
    expect(synced.body.operation.initiatedBy).toEqual({ username: 'portal' });
  });

  it('refuses to create an application in a project it may not create in, before any other check', async () => {
    const refused = await api('POST', '/applications', PORTAL, {
      metadata: { name: 'docs-qa' },
      spec: { project: 'assistant-team' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toEqual(
      detail('applications, create, assistant-team/docs-qa'),
    );
    const noProject = await api('POST', '/applications', PORTAL, {
      metadata: { name: 'docs-qa' },
      spec: {},
    });
    expect(noProject.body.message).toEqual(
      detail('applications, create, default/docs-qa'),
    );
  });

  it('checks the writes it does not carry out, answering what would be allowed Not Implemented', async () => {
    const calls: Array<[string, string, unknown, string]> = [
      [
        'DELETE',
        '/applications/semantic-search',
        undefined,
        'applications, delete, search-team/semantic-search',
      ],
      [
        'PUT',
        '/applications/semantic-search',
        { metadata: {}, spec: { project: 'search-team' } },
        'applications, update, search-team/semantic-search',
      ],
      [
        'POST',
        '/projects',
        { project: { metadata: { name: 'new-team' } } },
        'projects, create, new-team',
      ],
      [
        'PUT',
        '/projects/search-team',
        { project: { metadata: { name: 'search-team' } } },
        'projects, update, search-team',
      ],
      [
        'DELETE',
        '/projects/search-team',
        undefined,
        'projects, delete, search-team',
      ],
      [
        'POST',
        '/repositories',
        { repo: 'https://git.example.com/x.git', project: 'search-team' },
        'repositories, create, search-team/https://git.example.com/x.git',
      ],
      [
        'POST',
        '/clusters',
        { server: 'https://k8s.example.com' },
        'clusters, create, https://k8s.example.com',
      ],
      ['POST', '/account/admin/token', {}, 'accounts, update, admin'],
      [
        'PUT',
        '/account/password',
        { name: 'admin' },
        'accounts, update, admin',
      ],
    ];
    for (const [method, urlPath, body, request] of calls) {
      const refused = await api(method, urlPath, PORTAL, body);
      expect([method, urlPath, refused.status, refused.body.code]).toEqual([
        method,
        urlPath,
        403,
        7,
      ]);
      expect(refused.body.message).toEqual(detail(request));
      const allowed = await api(method, urlPath, ADMIN, body);
      expect([method, urlPath, allowed.status, allowed.body.code]).toEqual([
        method,
        urlPath,
        501,
        12,
      ]);
    }
    expect(
      (await api('POST', '/clusters', PORTAL, { server: 'https://k' })).body
        .message,
    ).toMatch(/^permission denied while creating cluster: permission denied: /);
    // An account may always make its own tokens; the default project cannot be deleted.
    expect(
      (await api('POST', '/account/portal/token', PORTAL, {})).status,
    ).toBe(501);
    const reserved = await api('DELETE', '/projects/default', ADMIN);
    expect(reserved.status).toBe(400);
    expect(reserved.body.message).toBe(
      "name 'default' is reserved and cannot be deleted",
    );
  });
});
