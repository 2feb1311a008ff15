import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readRuntimeAccess } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  Sandbox,
  SeedDelivery,
  SeedService,
  sandboxPlatformConfig,
} from '@runtime-portal/runtime-sandbox';
import {
  TEST_COMPONENTS,
  TEST_SEED,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
  testContext,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { RuntimeActionDeps } from '../shared';
import { createRuntimeCatalogRegisterAction } from './catalogRegister';
import { readPlatformGitLabHosts } from './catalogInfoUrl';

const run = promisify(execFile);

/** A service delivered from `project` on the sandbox GitLab (with one secret, as the sandbox seeds a service). */
function deliveredService(name: string, project: string): SeedService {
  return {
    name,
    secrets: [{ path: `${name}/app`, keys: ['token'] }],
    delivery: delivery(project),
  };
}

function delivery(project: string): SeedDelivery {
  return {
    gitlabProject: project,
    defaultBranch: 'main',
    lastPipeline: 'success',
    argocd: { application: project, sync: 'Synced', health: 'Healthy' },
    image: {
      repository: project,
      tags: ['1.0.0'],
      vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0 },
    },
  };
}

/** media-team's component, already in the catalog: what the attacks must leave as it is. */
const MEDIA_COMPONENT: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'clips', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'media-team' },
};

/** Each team's GitLab group, as `runtime.access.teams` has it. */
const access = readRuntimeAccess(
  new ConfigReader({
    runtime: {
      access: {
        platformAdmins: ['group:default/platform-team'],
        teams: [
          { group: 'search-team', gitlabGroups: ['search-team'] },
          { group: 'media-team', gitlabGroups: ['media-team'] },
        ],
      },
    },
  }),
);

/**
 * The catalog of the tests: the in-memory catalog with a location store as the catalog backend
 * keeps it (a second registration of a target is a ConflictError), recording who registered.
 */
function catalogWithLocations() {
  const inMemory = catalogServiceMock({
    entities: [...TEST_COMPONENTS, MEDIA_COMPONENT],
  });
  const locations = new Map<
    string,
    { id: string; type: string; target: string; entityRef: string }
  >();
  const registeredBy: BackstageCredentials[] = [];
  const store = {
    async addLocation(
      request: { type?: string; target: string; dryRun?: boolean },
      options: { credentials: BackstageCredentials },
    ) {
      if (locations.has(request.target)) {
        throw new ConflictError(
          `Location url:${request.target} already exists`,
        );
      }
      const location = {
        id: `location-${locations.size + 1}`,
        type: request.type ?? 'url',
        target: request.target,
        entityRef: `location:default/location-${locations.size + 1}`,
      };
      locations.set(request.target, location);
      registeredBy.push(options.credentials);
      return { location, entities: [], exists: false };
    },
    async getLocationByRef(ref: string) {
      return locations.get(ref.replace(/^url:/, ''));
    },
  };
  const catalog = new Proxy(inMemory, {
    get(target, property) {
      if (property in store) return store[property as keyof typeof store];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;
  return { catalog, locations, registeredBy };
}

describe('runtime:catalog:register', () => {
  let sandbox: Sandbox;
  let workDir: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({
      ...TEST_SEED,
      teams: [
        {
          name: 'search-team',
          namespace: 'team-search',
          services: [
            deliveredService('handbook-qa', 'search-team/handbook-qa'),
          ],
        },
        {
          name: 'media-team',
          namespace: 'team-media',
          services: [deliveredService('clips', 'media-team/clips')],
        },
      ],
    });
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'catalog-register-'));
    // Files an attacker in search-team could push to their own project's branch `attack`.
    await pushFiles('search-team/handbook-qa', 'attack', {
      'media-owned.yaml': componentYaml('handbook-media', 'media-team'),
      'resource.yaml': entityYaml(
        'Resource',
        'dev-bucket-clips',
        'search-team',
      ),
      'group.yaml': entityYaml('Group', 'search-team-admins', 'search-team'),
      'user.yaml': entityYaml('User', 'mallory', 'search-team'),
      'two.yaml': `${componentYaml(
        'ok-one',
        'search-team',
      )}---\n${componentYaml('sneaky', 'group:default/media-team')}`,
      'takeover.yaml': componentYaml('clips', 'search-team'),
      'managed.yaml': componentYaml('managed', 'search-team', {
        'backstage.io/managed-by-location': 'runtime:dev/kubernetes',
      }),
      'provider.yaml': componentYaml('provider', 'search-team', {
        'runtime-portal.io/environment': 'dev',
      }),
    });
    // search-team's own file in media-team's project.
    await pushFiles('media-team/clips', 'attack', {
      'search-owned.yaml': componentYaml('clips-copy', 'search-team'),
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  function componentYaml(
    name: string,
    owner: string,
    annotations: Record<string, string> = {},
  ) {
    return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec:
  type: service
  lifecycle: experimental
  owner: ${owner}
`;
  }

  function entityYaml(kind: string, name: string, owner: string) {
    return `apiVersion: backstage.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}
spec:
  type: s3-bucket
  owner: ${owner}
`;
  }

  async function pushFiles(
    project: string,
    branch: string,
    files: Record<string, string>,
  ) {
    const dir = path.join(workDir, project.replace('/', '-'));
    const remote = new URL(`${sandbox.urls.gitlab}/${project}.git`);
    remote.username = 'oauth2';
    remote.password = sandbox.credentials.gitlabToken;
    await run('git', ['clone', '--quiet', remote.toString(), dir]);
    await run('git', ['-C', dir, 'checkout', '--quiet', '-b', branch]);
    for (const [file, content] of Object.entries(files)) {
      await fs.writeFile(path.join(dir, file), content);
    }
    await run('git', ['-C', dir, 'add', '.']);
    await run('git', [
      '-C',
      dir,
      '-c',
      'user.name=Mallory',
      '-c',
      'user.email=mallory@example.com',
      'commit',
      '--quiet',
      '-m',
      'attack',
    ]);
    await run('git', ['-C', dir, 'push', '--quiet', 'origin', branch]);
  }

  const fileUrl = (project: string, branch: string, file: string) =>
    `${sandbox.urls.gitlab}/${project}/-/blob/${branch}/${file}`;

  /** The action built on the test kit's deps, with `catalog`, the access config and the sandbox GitLab. */
  function actionWith(catalog: CatalogService) {
    const config = new ConfigReader({
      integrations: sandboxPlatformConfig(sandbox).integrations,
    });
    return (deps: RuntimeActionDeps) =>
      createRuntimeCatalogRegisterAction({
        ...deps,
        access,
        catalog,
        urlReader: UrlReaders.default({
          config,
          logger: mockServices.logger.mock(),
        }),
        integrations: ScmIntegrations.fromConfig(config),
        gitlabHosts: readPlatformGitLabHosts(config),
      });
  }

  /** Runs the action once against a catalog (a fresh one unless given); returns media-team's entity after. */
  async function register(
    input: Record<string, unknown>,
    options: { user?: string; isDryRun?: boolean } = {},
    state = catalogWithLocations(),
  ) {
    const result = await runActionOnce(
      actionWith(state.catalog),
      sandboxClients(sandbox),
      input,
      options,
    );
    const media = await state.catalog.getEntityByRef(
      'component:default/clips',
      {
        credentials: await mockServices.auth().getOwnServiceCredentials(),
      },
    );
    const { catalog, locations, registeredBy } = state;
    return { ...result, catalog, locations, registeredBy, media };
  }

  /** What a run left behind: its error, the registered locations, media-team's entity, its audit. */
  function outcome(result: Awaited<ReturnType<typeof register>>) {
    return {
      error: result.error?.name,
      message: result.error?.message,
      registered: [...result.locations.keys()],
      mediaComponent: result.media,
      audited: result.auditor.createEvent.mock.calls.map(([event]) => ({
        eventId: event.eventId,
        refused: event.meta?.refused,
      })),
      auditFailed: result.auditEvent.fail.mock.calls.length,
      auditSucceeded: result.auditEvent.success.mock.calls.length,
    };
  }

  /** A refusal (403) saying why: nothing registered, media-team's entity as it was, a failed audit event. */
  function refused(reason: RegExp) {
    return {
      error: 'NotAllowedError',
      message: expect.stringMatching(reason),
      registered: [],
      mediaComponent: MEDIA_COMPONENT,
      audited: [{ eventId: 'runtime-catalog-register', refused: true }],
      auditFailed: 1,
      auditSucceeded: 0,
    };
  }

  it("registers a search-team member's catalog-info with the scaffolder's own credentials, and a second run finds it registered", async () => {
    const result = await register({
      repoContentsUrl: `${sandbox.urls.gitlab}/search-team/handbook-qa/-/blob/main`,
      catalogInfoPath: '/catalog-info.yaml',
    });
    expect(result.error).toBeUndefined();
    const url = fileUrl('search-team/handbook-qa', 'main', 'catalog-info.yaml');
    expect([...result.locations.values()]).toEqual([
      {
        id: 'location-1',
        type: 'url',
        target: url,
        entityRef: 'location:default/location-1',
      },
    ]);
    expect(result.registeredBy.map(c => c.principal)).toEqual([
      { type: 'service', subject: 'plugin:test' },
    ]);
    expect(outputsOf(result.ctx)).toEqual({
      entityRef: 'component:default/handbook-qa',
      catalogInfoUrl: url,
    });
    expect(result.auditEvent.success).toHaveBeenCalledTimes(1);

    // Registered already: the catalog's 409 is looked up and counts as done.
    const again = await register({ catalogInfoUrl: url }, {}, result);
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx)).toEqual({
      entityRef: 'component:default/handbook-qa',
      catalogInfoUrl: url,
    });
    expect([...again.locations.values()]).toEqual([
      {
        id: 'location-1',
        type: 'url',
        target: url,
        entityRef: 'location:default/location-1',
      },
    ]);
    expect(again.registeredBy).toHaveLength(1);
    expect(again.said).toMatch(/was already registered/);
  });

  it('dry-runs: reads and checks the file, registers nothing', async () => {
    const result = await register(
      {
        catalogInfoUrl: fileUrl(
          'search-team/handbook-qa',
          'main',
          'catalog-info.yaml',
        ),
      },
      { isDryRun: true },
    );
    expect(result.error).toBeUndefined();
    expect(result.locations.size).toBe(0);
    expect(outputsOf(result.ctx).entityRef).toBe(
      'component:default/handbook-qa',
    );
    expect(result.said).toMatch(/Dry run: would register/);
  });

  it('dry-runs a refused file as refused', async () => {
    const result = await register(
      {
        catalogInfoUrl: fileUrl(
          'search-team/handbook-qa',
          'attack',
          'media-owned.yaml',
        ),
      },
      { isDryRun: true },
    );
    expect(outcome(result)).toEqual(
      refused(/not a member of group:default\/media-team/),
    );
  });

  it("refuses a search-team member's file whose entity media-team owns", async () => {
    const result = await register({
      catalogInfoUrl: fileUrl(
        'search-team/handbook-qa',
        'attack',
        'media-owned.yaml',
      ),
    });
    expect(outcome(result)).toEqual(
      refused(
        /user:default\/mock is not a member of group:default\/media-team/,
      ),
    );
  });

  it('refuses a file with a second document media-team owns, registering not even the first', async () => {
    const result = await register({
      catalogInfoUrl: fileUrl('search-team/handbook-qa', 'attack', 'two.yaml'),
    });
    expect(outcome(result)).toEqual(refused(/group:default\/media-team/));
  });

  it("refuses media-team's repository for a search-team member, whoever the file names as owner", async () => {
    for (const file of ['catalog-info.yaml', 'search-owned.yaml']) {
      const result = await register({
        catalogInfoUrl: fileUrl(
          'media-team/clips',
          file === 'catalog-info.yaml' ? 'main' : 'attack',
          file,
        ),
      });
      expect(outcome(result)).toEqual(
        refused(
          file === 'catalog-info.yaml'
            ? /not a member of group:default\/media-team/
            : /GitLab project media-team\/clips is not in a GitLab group of group:default\/search-team/,
        ),
      );
    }
  });

  it.each([
    ['resource.yaml', /dev-bucket-clips is a Resource/],
    ['group.yaml', /is a Group/],
    ['user.yaml', /is a User/],
  ])('refuses %s: only Components and APIs', async (file, reason) => {
    const result = await register({
      catalogInfoUrl: fileUrl('search-team/handbook-qa', 'attack', file),
    });
    expect(outcome(result)).toEqual(refused(reason));
  });

  it.each([
    ['managed.yaml', /backstage.io\/managed-by-location/],
    ['provider.yaml', /runtime-portal.io\/environment/],
  ])(
    'refuses %s: annotations the catalog and the provider set',
    async (file, reason) => {
      const result = await register({
        catalogInfoUrl: fileUrl('search-team/handbook-qa', 'attack', file),
      });
      expect(outcome(result)).toEqual(refused(reason));
    },
  );

  it("refuses to take over media-team's component by its name", async () => {
    const result = await register({
      catalogInfoUrl: fileUrl(
        'search-team/handbook-qa',
        'attack',
        'takeover.yaml',
      ),
    });
    expect(outcome(result)).toEqual(
      refused(
        /component:default\/clips is already in the catalog, owned by media-team/,
      ),
    );
  });

  it('refuses an assistant-team member for search-team', async () => {
    const result = await register(
      {
        catalogInfoUrl: fileUrl(
          'search-team/handbook-qa',
          'main',
          'catalog-info.yaml',
        ),
      },
      { user: TEST_USERS.assistant },
    );
    expect(outcome(result)).toEqual(
      refused(
        /user:default\/ava is not a member of group:default\/search-team/,
      ),
    );
  });

  it.each([
    ['https://github.com/search-team/handbook-qa/blob/main/catalog-info.yaml'],
    // Backstage's own anonymous gitlab.com integration: anyone can make a group search-team there.
    [
      'https://gitlab.com/search-team/handbook-qa/-/blob/main/catalog-info.yaml',
    ],
    [
      'https://gitlab.example.com/search-team/handbook-qa/-/blob/main/catalog-info.yaml',
    ],
    ['file:///etc/passwd'],
  ])('refuses %s, outside the GitLab integration, with a 400', async url => {
    const result = await register({ catalogInfoUrl: url });
    expect(outcome(result)).toEqual({
      ...refused(/not on a configured GitLab integration/),
      error: 'InputError',
    });
  });

  it('refuses a URL on the GitLab host that is not a project file', async () => {
    for (const target of [
      `${sandbox.urls.gitlab}/api/v4/projects/1/repository/files/catalog-info.yaml/raw?ref=main`,
      `${sandbox.urls.gitlab}/handbook-qa/-/blob/main/catalog-info.yaml`,
    ]) {
      const result = await register({ catalogInfoUrl: target });
      expect(outcome(result)).toEqual({
        ...refused(/is not (a file URL|a YAML file of a GitLab project)/),
        error: 'InputError',
      });
    }
  });

  it('refuses a service principal', async () => {
    const { catalog, locations } = catalogWithLocations();
    const { deps } = testDeps(sandboxClients(sandbox));
    const ctx = testContext({
      input: {
        catalogInfoUrl: fileUrl(
          'search-team/handbook-qa',
          'main',
          'catalog-info.yaml',
        ),
      },
    });
    ctx.getInitiatorCredentials = async () => mockCredentials.service();
    await expect(actionWith(catalog)(deps).handler(ctx)).rejects.toThrow(
      /only a signed-in user may act on the Runtime, not a service principal/,
    );
    expect(locations.size).toBe(0);
  });
});
