import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  ArgoCdApplicationManifest,
  ArgoCdClient,
  RuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  RunningServer,
  loadSeed,
  Sandbox,
  startArgoCdServer,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { DEPLOY_DIR, readDeployFile } from './__testUtils__/deployManifests';
import {
  calledMethods,
  classMethods,
  pluginSources,
} from './__testUtils__/sourceCalls';

const CLIENT_FILE = 'plugins/runtime-node/src/argocd/ArgoCdClient.ts';
const ACCOUNT = 'runtime-portal';
const POLICY_KEY = `policy.${ACCOUNT}.csv`;

/**
 * The `applications` actions Argo CD's API server checks for each client method (argoproj/argo-cd
 * server/application/application.go): List keeps the applications the caller may `get`; Get and
 * Sync go through `getAppEnforceRBAC` with `get`, Sync then checks `sync`; Create checks `create`,
 * and `update` when its upsert replaces an application whose spec differs.
 */
const ACTIONS: Record<string, string[]> = {
  listApplications: ['get'],
  getApplication: ['get'],
  sync: ['get', 'sync'],
  createApplication: ['create', 'update'],
};

/** The policy lines of the shipped ConfigMap patch, as fields. */
function policyLines(): string[][] {
  const configMap = parse(readDeployFile('argocd/argocd-rbac-cm.yaml'));
  return String(configMap.data[POLICY_KEY])
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
    .map(line => line.split(',').map(field => field.trim()));
}

/** A team's application, from the team's seeded repository, as runtime:application:create makes it. */
function teamApplication(
  gitlabUrl: string,
  name: string,
  project = 'search-team',
): ArgoCdApplicationManifest {
  return {
    name,
    labels: {
      'runtime-portal.io/owner': project,
      'runtime-portal.io/service': name,
    },
    project,
    source: {
      repoURL: `${gitlabUrl}/search-team/semantic-search.git`,
      path: 'deploy',
      targetRevision: 'HEAD',
    },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'team-search',
    },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=false'],
    },
  };
}

/**
 * Each ArgoCdClient method the plugins call, called as they call it (runtime-backend's deliveries,
 * sync and health probe; runtime:application:create's check, create or upsert, and read back).
 */
function portalCalls(gitlabUrl: string, name: string) {
  const created = teamApplication(gitlabUrl, name);
  return {
    listApplications: async (c: ArgoCdClient) => {
      expect(await c.listApplications({ name: 'semantic-search' })).toEqual([
        expect.objectContaining({ name: 'semantic-search' }),
      ]);
      expect(
        await c.listApplications({
          selector: 'app.kubernetes.io/name=semantic-search',
        }),
      ).toHaveLength(1);
      expect(
        await c.listApplications({ name: 'runtime-portal-probe' }),
      ).toEqual([]);
    },
    getApplication: async (c: ArgoCdClient) => {
      const app = await c.getApplication('semantic-search', {
        project: 'search-team',
      });
      expect(app.name).toBe('semantic-search');
    },
    sync: async (c: ArgoCdClient) => {
      const synced = await c.sync('support-assistant');
      expect(synced.requestedOperation?.initiatedBy).toBe(ACCOUNT);
    },
    createApplication: async (c: ArgoCdClient) => {
      await c.createApplication(created);
      const changed = {
        ...created,
        source: { ...created.source, targetRevision: 'main' },
      };
      const upserted = await c.createApplication(changed, { upsert: true });
      expect(upserted.source?.targetRevision).toBe('main');
    },
  };
}

function clientFor(url: string, token: string) {
  return new ArgoCdClient({
    environment: 'prod',
    access: { url, token, headers: {}, timeoutMs: 30_000 },
  });
}

/** Fails unless `call` is refused by Argo CD with code 7 (HTTP 403). */
async function expectForbidden(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuntimeUpstreamError);
  expect(error).toMatchObject({ reason: 'Forbidden', status: 403 });
  return error as RuntimeUpstreamError;
}

describe('the Argo CD policy in deploy/argocd', () => {
  const adminToken = 'sandbox-argocd-admin-token';
  let sandbox: Sandbox<'gitlab' | 'argocd'>;
  let portal: ArgoCdClient;

  beforeAll(async () => {
    // Least privilege (the default): the portal's token is the account of deploy/argocd/argocd-cm.yaml
    // under the policy of deploy/argocd/argocd-rbac-cm.yaml; the administrator has a token of its own.
    sandbox = await startSandbox({
      ports: 'free',
      upstreams: ['gitlab', 'argocd'],
      readyAfterMs: 60_000,
      adminCredentials: {
        ...DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
        argocdToken: adminToken,
      },
    });
    portal = clientFor(sandbox.urls.argocd, sandbox.credentials.argocdToken);
  }, 60_000);
  afterAll(() => sandbox?.close());

  async function api(method: string, urlPath: string, body?: unknown) {
    const response = await fetch(`${sandbox.urls.argocd}/api/v1${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${sandbox.credentials.argocdToken}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('lists, in the table above, exactly the client methods the plugins call', () => {
    const methods = [...classMethods(CLIENT_FILE).values()]
      .filter(m => !m.isPrivate)
      .map(m => m.name);
    expect(methods.length).toBeGreaterThan(3);
    const used = calledMethods(
      methods,
      pluginSources(/ArgoCdClient|argocd/i, [
        'plugins/runtime-node/src/argocd',
      ]),
    );
    expect(Object.keys(ACTIONS).sort()).toEqual([...used].sort());
  });

  it('gives the account API tokens only, and grants it directly exactly the actions those methods need', () => {
    const settings = parse(readDeployFile('argocd/argocd-cm.yaml'));
    expect(settings.metadata).toEqual({
      name: 'argocd-cm',
      namespace: 'argocd',
    });
    expect(settings.data).toEqual({ [`accounts.${ACCOUNT}`]: 'apiKey' });

    const rbac = parse(readDeployFile('argocd/argocd-rbac-cm.yaml'));
    expect(rbac.metadata).toEqual({
      name: 'argocd-rbac-cm',
      namespace: 'argocd',
    });
    // Only an overlay key: the platform's policy.csv, policy.default and policy.matchMode stay.
    expect(Object.keys(rbac.data)).toEqual([POLICY_KEY]);
    const lines = policyLines();
    const allows = lines.filter(l => l[5] === 'allow');
    expect(allows.map(l => l[3]).sort()).toEqual(
      [...new Set(Object.values(ACTIONS).flat())].sort(),
    );
    for (const line of allows) {
      expect(line).toEqual([
        'p',
        ACCOUNT,
        'applications',
        line[3],
        '*/*',
        'allow',
      ]);
    }
    expect(lines.filter(l => l[5] !== 'allow')).toEqual([
      ['p', ACCOUNT, 'applications', '*', 'default/*', 'deny'],
    ]);
  });

  it('allows every call the portal makes, in the sandbox enforcing the shipped policy', async () => {
    const calls = portalCalls(sandbox.urls.gitlab, 'semantic-search-preview');
    for (const [method, call] of Object.entries(calls)) {
      await expect(call(portal).then(() => method)).resolves.toBe(method);
    }
  });

  it('refuses what the portal must never do, with 403 as Argo CD answers it', async () => {
    const denied = (request: string) => ({
      code: 7,
      message: expect.stringMatching(
        new RegExp(`permission denied: ${request}, sub: ${ACCOUNT}, iat: `),
      ),
    });
    const refusals: Array<[string, string, unknown, string]> = [
      [
        'DELETE',
        '/applications/semantic-search',
        undefined,
        'applications, delete, search-team/semantic-search',
      ],
      [
        'POST',
        '/projects',
        { project: { metadata: { name: 'mine' } } },
        'projects, create, mine',
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
        { repo: 'https://git.example.com/x.git' },
        'repositories, create, https://git.example.com/x.git',
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
        { name: 'admin', newPassword: 'x' },
        'accounts, update, admin',
      ],
    ];
    for (const [method, urlPath, body, request] of refusals) {
      const answer = await api(method, urlPath, body);
      expect([method, urlPath, answer.status, answer.body]).toEqual([
        method,
        urlPath,
        403,
        expect.objectContaining(denied(request)),
      ]);
    }
    const inDefault = await expectForbidden(
      portal.createApplication(
        teamApplication(sandbox.urls.gitlab, 'platform-tools', 'default'),
      ),
    );
    expect(inDefault.detail).toMatch(
      /^permission denied: applications, create, default\/platform-tools, /,
    );
  });

  it("cannot see, read or sync the default project's applications", async () => {
    const admin = clientFor(sandbox.urls.argocd, adminToken);
    await admin.createApplication(
      teamApplication(sandbox.urls.gitlab, 'platform-tools', 'default'),
    );
    expect(
      await admin.listApplications({ name: 'platform-tools' }),
    ).toHaveLength(1);
    expect(await portal.listApplications({ name: 'platform-tools' })).toEqual(
      [],
    );
    await expectForbidden(portal.getApplication('platform-tools'));
    await expectForbidden(
      portal.getApplication('platform-tools', { project: 'default' }),
    );
    await expectForbidden(portal.sync('platform-tools'));
    await expectForbidden(
      portal.createApplication(
        {
          ...teamApplication(sandbox.urls.gitlab, 'platform-tools', 'default'),
          source: {
            repoURL: `${sandbox.urls.gitlab}/search-team/semantic-search.git`,
            path: 'deploy',
            targetRevision: 'main',
          },
        },
        { upsert: true },
      ),
    );
  });

  describe('needs each of its lines', () => {
    const dirs: string[] = [];
    const servers: RunningServer[] = [];
    afterAll(async () => {
      await Promise.all(servers.map(s => s.close()));
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Argo CD with the shipped settings but one policy line left out. */
    async function argoCdWithout(line: string[]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-argocd-policy-'));
      dirs.push(dir);
      fs.mkdirSync(path.join(dir, 'argocd'));
      fs.copyFileSync(
        path.join(DEPLOY_DIR, 'argocd/argocd-cm.yaml'),
        path.join(dir, 'argocd/argocd-cm.yaml'),
      );
      const rbac = parse(readDeployFile('argocd/argocd-rbac-cm.yaml'));
      rbac.data[POLICY_KEY] = policyLines()
        .filter(l => l.join(', ') !== line.join(', '))
        .map(l => l.join(', '))
        .join('\n');
      fs.writeFileSync(
        path.join(dir, 'argocd/argocd-rbac-cm.yaml'),
        JSON.stringify(rbac),
      );
      const server = await startArgoCdServer({
        port: 0,
        seed: loadSeed(),
        credentials: sandbox.credentials,
        adminCredentials: sandbox.adminCredentials,
        readyAfterMs: 60_000,
        gitlabUrl: sandbox.urls.gitlab,
        deployDir: dir,
      });
      servers.push(server);
      return clientFor(server.url, sandbox.credentials.argocdToken);
    }

    it.each(policyLines().filter(l => l[5] === 'allow'))(
      'without "%s, %s, %s, %s, %s, %s" the calls that need it fail',
      async (...line: string[]) => {
        const client = await argoCdWithout(line);
        const calls = portalCalls(
          sandbox.urls.gitlab,
          'semantic-search-preview',
        );
        const failed: string[][] = [];
        for (const [method, call] of Object.entries(calls)) {
          await call(client).catch((e: unknown) =>
            failed.push([
              method,
              e instanceof RuntimeUpstreamError ? e.reason : 'wrong answer',
            ]),
          );
        }
        // Refused with 403; a list is answered without the applications it may not get.
        expect(failed).toEqual(
          Object.keys(ACTIONS)
            .filter(m => ACTIONS[m].includes(line[3]))
            .map(m => [
              m,
              m === 'listApplications' ? 'wrong answer' : 'Forbidden',
            ]),
        );
      },
    );

    it('without the deny, the portal could create in the default project', async () => {
      const [deny] = policyLines().filter(l => l[5] === 'deny');
      const client = await argoCdWithout(deny);
      const created = await client.createApplication(
        teamApplication(sandbox.urls.gitlab, 'platform-tools', 'default'),
      );
      expect(created.project).toBe('default');
    });
  });
});
