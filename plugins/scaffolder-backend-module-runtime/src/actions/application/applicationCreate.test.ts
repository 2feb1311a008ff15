import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RuntimeClients,
  TeamNamespaces,
  readRuntimeAccess,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  RuntimeSeed,
  Sandbox,
  SeedDelivery,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
} from '@runtime-portal/runtime-sandbox';
import {
  TEST_SEED,
  TEST_USERS,
  outputsOf,
  startTestSandbox,
  testContext,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { createRuntimeApplicationAction } from './applicationCreate';

jest.setTimeout(60_000);

/** A service's delivery as the sandbox seeds it: a GitLab project with deploy/ and an Argo CD app. */
function delivery(project: string, application: string): SeedDelivery {
  return {
    gitlabProject: project,
    defaultBranch: 'main',
    lastPipeline: 'success',
    argocd: { application, sync: 'Synced', health: 'Healthy' },
    image: {
      repository: project,
      tags: ['1.0.0'],
      vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0 },
    },
  };
}

/**
 * search-team's docs-qa has a repository (its seeded application has another name); assistant-team
 * has an application named `legacy` (seeded, labelled by no claim) and its own repository.
 */
const SEED: RuntimeSeed = {
  ...TEST_SEED,
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        {
          name: 'docs-qa',
          // The sandbox seeds a delivered service's OpenBao policy from its secrets.
          secrets: [{ path: 'docs-qa/app', keys: ['token'] }],
          delivery: delivery('search-team/docs-qa', 'docs-qa-v0'),
        },
      ],
    },
    {
      name: 'assistant-team',
      namespace: 'team-assistant',
      services: [
        {
          name: 'legacy',
          secrets: [{ path: 'legacy/app', keys: ['token'] }],
          delivery: delivery('assistant-team/legacy', 'legacy'),
        },
      ],
    },
  ],
};

/** A pattern matching exactly `text`. */
const exactly = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('runtime:application:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox(SEED);
    clients = RuntimeClients.fromConfig(
      new ConfigReader({
        ...sandboxPlatformConfig(sandbox),
        runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
      }),
    );
  });
  afterAll(() => sandbox?.close());

  /** Runs the action with both teams' Argo CD projects, GitLab groups and namespaces configured. */
  async function runAction(
    input: Record<string, unknown>,
    options: {
      isDryRun?: boolean;
      user?: string;
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    } = {},
  ) {
    const base = testDeps(clients, options.result);
    const access = readRuntimeAccess(
      new ConfigReader({
        runtime: {
          access: {
            platformAdmins: ['group:default/platform-team'],
            teams: ['search', 'assistant'].map(team => ({
              group: `group:default/${team}-team`,
              namespaces: [`team-${team}`],
              argocdProjects: [`${team}-team`],
              gitlabGroups: [`${team}-team`],
            })),
          },
        },
      }),
    );
    const deps = {
      ...base.deps,
      access,
      teamNamespaces: new TeamNamespaces({ clients, access }),
    };
    const ctx = testContext({
      input,
      isDryRun: options.isDryRun,
      user: options.user,
    });
    let error: Error | undefined;
    try {
      await createRuntimeApplicationAction(deps).handler(ctx);
    } catch (e) {
      error = e as Error;
    }
    return { ctx, error, auditEvent: base.auditEvent, auditor: base.auditor };
  }

  const input = (overrides: Record<string, unknown> = {}) => ({
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'docs-qa',
    project: 'search-team',
    repoUrl: `${sandbox.urls.gitlab}/search-team/docs-qa.git`,
    namespace: 'team-search',
    ...overrides,
  });

  const argocd = () => clients.client('dev', 'argocd');
  const find = async (name: string) =>
    (await argocd().listApplications({ name }))[0];

  it('dry-runs without creating anything', async () => {
    const { error, ctx } = await runAction(input(), { isDryRun: true });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({
      application: 'docs-qa',
      syncStatus: 'Unknown',
    });
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'Dry run: would create the Argo CD application docs-qa in project search-team',
    );
    expect(await find('docs-qa')).toBeUndefined();
  });

  it("creates the service's application, labelled with its claims, which then syncs from GitLab", async () => {
    const { error, ctx, auditEvent } = await runAction(input());
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      application: 'docs-qa',
      url: `${sandbox.urls.argocd}/applications/docs-qa`,
      syncStatus: expect.stringMatching(/^(OutOfSync|Synced)$/),
      entityRef: 'component:default/docs-qa',
    });
    expect(auditEvent.success).toHaveBeenCalled();
    const app = await find('docs-qa');
    expect(app).toMatchObject({
      project: 'search-team',
      labels: {
        'runtime-portal.io/owner': 'search-team',
        'runtime-portal.io/service': 'docs-qa',
      },
      source: {
        repoURL: `${sandbox.urls.gitlab}/search-team/docs-qa.git`,
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
    });
    for (let i = 0; i < 100; i++) {
      if ((await find('docs-qa'))!.sync.status === 'Synced') break;
      await new Promise(r => setTimeout(r, 100));
    }
    // Synced at the newest commit of the default branch, which Argo CD resolved HEAD to.
    const [newest] = await clients
      .platformClient('gitlab')!
      .listCommits('search-team/docs-qa', { ref: 'main', perPage: 1 });
    expect((await find('docs-qa'))!.sync).toEqual({
      status: 'Synced',
      revision: newest.id,
    });
  });

  it('does nothing on a re-run with the same spec, and updates its own application when the spec changed', async () => {
    // The sync above leaves it Progressing; Argo CD marks it Healthy a moment later on its own.
    for (let i = 0; i < 100; i++) {
      if ((await find('docs-qa'))!.health?.status === 'Healthy') break;
      await new Promise(r => setTimeout(r, 100));
    }
    const before = await find('docs-qa');
    expect(before!.health?.status).toBe('Healthy');
    const again = await runAction(input());
    expect(again.error).toBeUndefined();
    expect(JSON.stringify(again.ctx.logger.info.mock.calls)).toContain(
      'exists with this spec; nothing to do',
    );
    expect(outputsOf(again.ctx).syncStatus).toBe('Synced');
    expect(await find('docs-qa')).toEqual(before);

    const changed = await runAction(input({ targetRevision: 'main' }));
    expect(changed.error).toBeUndefined();
    expect((await find('docs-qa'))!.source?.targetRevision).toBe('main');
  });

  it("refuses another team's application of that name with a ConflictError", async () => {
    const { error, auditEvent } = await runAction(
      input({
        service: 'legacy',
        repoUrl: `${sandbox.urls.gitlab}/search-team/docs-qa.git`,
      }),
    );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Argo CD application legacy in dev already exists and belongs to owner 'none', service 'none', not search-team/legacy",
    );
    expect(auditEvent.fail).toHaveBeenCalled();
    expect((await find('legacy'))!.project).toBe('assistant-team');
  });

  describe('refuses before any call to Argo CD', () => {
    // Argo CD is down: a refusal that reached it would be an upstream error instead.
    beforeAll(() => sandbox.stopUpstream('argocd'));
    afterAll(() => sandbox.startUpstream('argocd'));

    it.each([
      [
        "another team's Argo CD project",
        { project: 'assistant-team' },
        'NotAllowedError',
        "Not allowed: the Argo CD project assistant-team is not one of group:default/search-team's (search-team)",
      ],
      [
        "another team's GitLab group",
        { repoUrl: 'GITLAB/assistant-team/legacy.git' },
        'NotAllowedError',
        'Not allowed: the GitLab project assistant-team/legacy is not in a GitLab group of group:default/search-team (search-team)',
      ],
      [
        'a repository on another Git host',
        { repoUrl: 'https://gitlab.com/search-team/docs-qa.git' },
        'InputError',
        /^Refused: https:\/\/gitlab\.com\/search-team\/docs-qa\.git is not a repository of the platform GitLab/,
      ],
      [
        'a repository URL with credentials',
        { repoUrl: 'GITLAB_WITH_USER/search-team/docs-qa.git' },
        'InputError',
        /^Refused: .* is not a repository of the platform GitLab/,
      ],
      [
        "another team's namespace",
        { namespace: 'team-assistant' },
        'NotAllowedError',
        /team-assistant/,
      ],
    ])('%s', async (_case, overrides, name, message) => {
      const gitlab = sandbox.urls.gitlab;
      const withUser = gitlab.replace('http://', 'http://oauth2:x@');
      const patched = Object.fromEntries(
        Object.entries(overrides).map(([k, v]) => [
          k,
          String(v)
            .replace('GITLAB_WITH_USER', withUser)
            .replace('GITLAB', gitlab),
        ]),
      );
      const { error, auditEvent } = await runAction(input(patched));
      expect(error?.name).toBe(name);
      expect(error?.message).toMatch(
        typeof message === 'string' ? exactly(message) : message,
      );
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('refuses a path leaving the repository as invalid input', async () => {
      const { error } = await runAction(input({ path: '../other' }));
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(
        'must be a relative path in the repository, without ".."',
      );
    });

    it('refuses a member of another team, and a caller without the permission', async () => {
      const other = await runAction(input({ service: 'docs-qa-2' }), {
        user: TEST_USERS.assistant,
      });
      expect(other.error?.name).toBe('NotAllowedError');
      const denied = await runAction(input(), {
        result: AuthorizeResult.DENY,
      });
      expect(denied.error?.name).toBe('NotAllowedError');
    });
  });
});
