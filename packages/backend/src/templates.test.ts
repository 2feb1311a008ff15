import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  startSandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  Sandbox,
} from '@runtime-portal/runtime-sandbox';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogModuleRuntime from '@runtime-portal/backstage-plugin-catalog-backend-module-runtime';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionModuleRuntime from '@runtime-portal/backstage-plugin-permission-backend-module-runtime';
import scaffolderModuleGitLab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleRuntime from '@runtime-portal/backstage-plugin-scaffolder-backend-module-runtime';
import runtimeBackend from '@runtime-portal/backstage-plugin-runtime-backend';
import {
  EVENT_SOURCE_KIND,
  MODEL_KIND,
  SERVICE_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ConfigReader } from '@backstage/config';
import { oboAuthFactory } from '@runtime-portal/backstage-plugin-permission-backend-module-runtime/testUtils';

jest.setTimeout(120_000);

// The self-service templates of the portal, run by the real scaffolder backend with the runtime module,
// the real catalog and the real permission backend with the Runtime's policy, as a search-team member.
// eslint-disable-next-line no-restricted-syntax
const TEMPLATES_DIR = path.resolve(__dirname, '../../../examples/templates');
/** A template entity as the catalog serves it, with the location its skeleton is read relative to. */
const template = (file: string): Entity => {
  const entity: Entity = yaml.parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'),
  );
  const location = `file:${path.join(TEMPLATES_DIR, file)}`;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
  };
  return entity;
};
/** Every template file: `<name>.yaml`, or `<name>/template.yaml` beside its skeleton. */
const TEMPLATE_FILES = fs
  .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
  .map(e => (e.isDirectory() ? `${e.name}/template.yaml` : e.name))
  .filter(f => f.endsWith('.yaml'));

const CANARY = 'canary-password-4b1d';

/** The templates (and the mock user) in the catalog, as a file location would give them. */
const catalogModuleTemplates = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-templates',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-templates',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: [
                ...TEMPLATE_FILES.map(template),
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'User',
                  metadata: {
                    name: 'mock',
                    annotations: {
                      'backstage.io/managed-by-location': 'test:users',
                      'backstage.io/managed-by-origin-location': 'test:users',
                    },
                  },
                  spec: { memberOf: ['search-team'] },
                },
              ].map(entity => ({ entity, locationKey: 'test-templates' })),
            }),
        });
      },
    });
  },
});

describe('the Runtime self-service templates, through the real scaffolder', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  let sandboxClients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      readyAfterMs: 200,
    });
    // The test inspects the Runtime as its platform does (the portal runs with its own identities).
    sandboxClients = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            sandboxEnvironmentConfig(sandbox, 'dev', sandbox.adminCredentials),
          ],
        },
      }),
    );
    const platform = sandboxPlatformConfig(sandbox);
    const config = {
      backend: { baseUrl: 'http://localhost:7007' },
      integrations: platform.integrations,
      permission: { enabled: true },
      runtime: {
        environments: [sandboxEnvironmentConfig(sandbox)],
        access: {
          platformAdmins: ['group:default/platform-team'],
          teams: [
            {
              group: 'group:default/search-team',
              namespaces: ['team-search'],
              gitlabGroups: ['search-team'],
            },
          ],
        },
      },
    };
    const events = mockServices.events();
    const backend = await startTestBackend({
      features: [
        // The real catalog (registered locations are read from the sandbox GitLab with Backstage's
        // URL readers and processed), the real permission backend with the Runtime's policy.
        catalogBackend,
        catalogModuleScaffolderEntityModel,
        catalogModuleTemplates,
        // The Runtime's catalog module: its processor checks the registered catalog-info on refresh.
        catalogModuleRuntime,
        permissionBackend,
        permissionModuleRuntime,
        scaffolderPlugin,
        scaffolderModuleRuntime,
        scaffolderModuleGitLab,
        // The Runtime's routes: a workflow's page reads its details there.
        runtimeBackend,
        // The Runtime's live resources are read once at start-up; later changes come with the
        // actions' events, which trigger the provider's refresh.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        // One events bus shared by the plugins, as the backend's events service is.
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        mockServices.rootConfig.factory({ data: config }),
        oboAuthFactory,
        // The mock user signs in as a member of search-team (not a platform admin), the team the
        // templates act for.
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () =>
            mockServices.userInfo({
              userEntityRef: 'user:default/mock',
              ownershipEntityRefs: [
                'user:default/mock',
                'group:default/search-team',
              ],
            }),
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    await waitForEntity('template/default/runtime-ai-service');
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.close();
  });

  /** The catalog's entity (`kind/namespace/name`), read as a service; undefined while it has none. */
  async function catalogEntity(
    entityPath: string,
  ): Promise<Entity | undefined> {
    const response = await request(server)
      .get(`/api/catalog/entities/by-name/${entityPath}`)
      .set('authorization', mockCredentials.service.header());
    return response.status === 200 ? response.body : undefined;
  }

  async function waitForEntity(entityPath: string): Promise<Entity> {
    for (let i = 0; i < 300; i++) {
      const entity = await catalogEntity(entityPath);
      if (entity) return entity;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`the catalog never served ${entityPath}`);
  }

  /** Waits until the catalog holds a Resource whose name matches, and returns the refs of those that do. */
  async function catalogEntityRefs(name: RegExp): Promise<string[]> {
    let names: string[] = [];
    for (let i = 0; i < 300; i++) {
      const response = await request(server)
        .get('/api/catalog/entities?filter=kind=resource&fields=metadata.name')
        .set('authorization', mockCredentials.service.header());
      names = (response.body as Entity[]).map(e => e.metadata.name);
      const matching = names.filter(n => name.test(n));
      if (matching.length > 0)
        return matching.map(n => `resource:default/${n}`);
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(
      `the catalog never held a resource named ${name}, only: ${names.join(
        ', ',
      )}`,
    );
  }

  const where = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
  };

  /** The files beside a template, as the template editor sends them with a dry-run. */
  const directoryContents = (file: string) => {
    const dir = path.dirname(path.join(TEMPLATES_DIR, file));
    if (dir === TEMPLATES_DIR) return [];
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter(e => e.isFile())
      .map(e => {
        const full = path.join(e.parentPath, e.name);
        return {
          path: path.relative(dir, full),
          base64Content: fs.readFileSync(full).toString('base64'),
        };
      });
  };

  const dryRun = (file: string, values: object, secrets: object = {}) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({
        template: template(file),
        values,
        secrets,
        directoryContents: directoryContents(file),
      });

  async function run(
    templateRef: string,
    values: object,
    secrets: object = {},
  ) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header())
      .send({ templateRef, values, secrets });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    expect(created.status).toBe(201);
    for (let i = 0; i < 400; i++) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('authorization', mockCredentials.user.header());
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('authorization', mockCredentials.user.header());
        return { task: task.body, log: JSON.stringify(events.body) };
      }
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('task did not finish');
  }

  it('dry-runs every template, creating nothing', async () => {
    const cases: Array<[string, object, object?]> = [
      ['bucket.yaml', { ...where, name: 'dry-run-bucket', versioning: true }],
      [
        'secret.yaml',
        {
          ...where,
          namespace: 'team-search',
          name: 'dry-db',
          username: 'u',
          password: 'p',
        },
        { username: 'u', password: 'p' },
      ],
      [
        'inference-endpoint.yaml',
        {
          ...where,
          namespace: 'team-search',
          name: 'dry-model',
          url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
          engine: 'VLLM',
          features: ['TextGeneration'],
          resourceProfile: 'cpu:1',
          minReplicas: 1,
          maxReplicas: 2,
        },
      ],
      [
        'workflow.yaml',
        {
          ...where,
          name: 'dry-temporal',
          engine: 'temporal',
          retentionDays: 7,
        },
      ],
    ];
    for (const [file, values, secrets] of cases) {
      const response = await dryRun(file, values, secrets);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      expect(JSON.stringify(response.body.log)).toMatch(/[Dd]ry run/);
    }
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.headBucket('dry-run-bucket')).toBe(false);
  });

  it('creates a bucket from its template, and a second run is a no-op success', async () => {
    const values = {
      ...where,
      name: 'templated-bucket',
      versioning: true,
      expirationDays: 30,
    };
    const first = await run('template:default/runtime-bucket', values);
    expect(first.task.status).toBe('completed');
    const second = await run('template:default/runtime-bucket', values);
    expect(second.task.status).toBe('completed');

    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.getTags('templated-bucket')).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect((await s3.getLifecycle('templated-bucket')).expirationDays).toBe(30);

    // The service's MinIO user: its keys in OpenBao, only their path in the task.
    const keysPath = 'semantic-search/buckets/templated-bucket';
    expect(JSON.stringify(first.task)).not.toContain('secretKey');
    const stored = await fetch(
      `${sandbox.urls.openbao}/v1/secret/data/${keysPath}`,
      { headers: { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken } },
    ).then(response => response.json());
    const { accessKey, secretKey } = stored.data.data;
    expect(await s3.admin.getUser(accessKey)).toMatchObject({
      status: 'enabled',
      policies: ['runtime-bucket-templated-bucket'],
    });
    expect(first.log).not.toContain(secretKey);
    expect(JSON.stringify(first.task)).not.toContain(secretKey);
    expect(
      (
        await sandboxClients
          .client('dev', 'openbao')
          .readSecretMetadata(keysPath)
      )?.currentVersion,
    ).toBe(1);
  });

  it('stores a secret from its template without the value reaching the task log', async () => {
    const { task, log } = await run(
      'template:default/runtime-secret',
      // As the Secret field does: the form holds a mask, the value travels in the task's secrets only.
      {
        ...where,
        namespace: 'team-search',
        name: 'templated-db',
        username: '***',
        password: '********',
      },
      { username: 'app', password: CANARY },
    );
    expect(task.status).toBe('completed');
    expect(log).not.toContain(CANARY);
    expect(JSON.stringify(task)).not.toContain(CANARY);

    const bao = sandboxClients.client('dev', 'openbao');
    const metadata = await bao.readSecretMetadata(
      'semantic-search/templated-db',
    );
    expect(metadata?.currentVersion).toBe(1);
  });

  const aiService = (name: string) => ({
    name,
    description: 'Answers questions about the handbook.',
    owner: 'group:default/search-team',
    environment: 'dev',
    namespace: 'team-search',
    modelUrl: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
    engine: 'VLLM',
    resourceProfile: 'cpu:1',
    apiToken: '********',
    repoUrl: `${
      new URL(sandbox.urls.gitlab).host
    }?owner=search-team&repo=${name}`,
  });

  it('creates an AI service: its Runtime resources, a GitLab repository and its catalog entry', async () => {
    const { task, log } = await run(
      'template:default/runtime-ai-service',
      aiService('handbook-qa'),
      { apiToken: CANARY },
    );
    expect({
      status: task.status,
      error:
        task.status === 'failed'
          ? log.match(/"error":\{[^}]*\}/)?.[0]
          : undefined,
    }).toEqual({ status: 'completed', error: undefined });
    expect(log).not.toContain(CANARY);

    // Its Runtime resources, attributed to the team and the service.
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    const model = await kubernetes.get(
      MODEL_KIND,
      'team-search',
      'handbook-qa-model',
    );
    expect(model?.metadata.labels).toMatchObject({
      'runtime-portal.io/owner': 'search-team',
      'runtime-portal.io/service': 'handbook-qa',
    });
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.getTags('handbook-qa-data')).toMatchObject({
      owner: 'search-team',
      service: 'handbook-qa',
    });
    const openbao = sandboxClients.client('dev', 'openbao');
    expect(await openbao.readSecretMetadata('handbook-qa/app')).toBeDefined();
    // The bucket's MinIO user: keys in OpenBao, readable by the service's account.
    expect(
      (await openbao.readSecretMetadata('handbook-qa/buckets/handbook-qa-data'))
        ?.currentVersion,
    ).toBe(1);
    expect(
      await openbao.readKubernetesAuthRole('runtime_bucket_handbook-qa-data'),
    ).toMatchObject({ boundServiceAccountNames: ['handbook-qa'] });
    expect(
      await sandboxClients
        .client('dev', 'temporal')
        .describeNamespace('handbook-qa'),
    ).toBeDefined();

    // Its repository's catalog-info.yaml, registered as a location (the scaffolder's own credentials:
    // the policy gives a team member no catalog.location.create) and processed by the catalog.
    const locations = await request(server)
      .get('/api/catalog/locations')
      .set('authorization', mockCredentials.service.header());
    const targets: string[] = locations.body.map(
      (l: { data: { target: string } }) => l.data.target,
    );
    expect(targets).toEqual([
      expect.stringMatching(
        /\/search-team\/handbook-qa\/-\/blob\/main\/catalog-info\.yaml$/,
      ),
    ]);
    const component = await waitForEntity('component/default/handbook-qa');
    // The member could not have registered it themselves: the policy keeps locations for admins.
    const direct = await request(server)
      .post('/api/catalog/locations')
      .set('authorization', mockCredentials.user.header())
      .send({ type: 'url', target: targets[0].replace('main', 'other') });
    expect(direct.status).toBe(403);
    expect(component.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${targets[0]}`,
      'backstage.io/kubernetes-id': 'handbook-qa',
      'backstage.io/kubernetes-namespace': 'team-search',
      'argocd/app-name': 'handbook-qa',
      'gitlab.com/project-slug': 'search-team/handbook-qa',
      'goharbor.io/repository-slug': 'search-team/handbook-qa',
      'grafana/dashboard-selector': "tags @> 'handbook-qa'",
    });
    expect(component.spec?.owner).toBe('group:default/search-team');
    // The catalog keeps the relations, not the file's order.
    expect(component.spec?.dependsOn).toHaveLength(4);
    expect(component.spec?.dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^resource:default\/.*handbook-qa-model$/),
        expect.stringMatching(/^resource:default\/.*handbook-qa-data$/),
        expect.stringMatching(/^resource:default\/.*secret.*handbook-qa-app/),
        expect.stringMatching(/^resource:default\/.*workflow.*handbook-qa$/),
      ]),
    );
    const reader = UrlReaders.default({
      config: new ConfigReader({
        integrations: sandboxPlatformConfig(sandbox).integrations,
      }),
      logger: mockServices.logger.mock(),
    });
    const readme = (
      await (
        await reader.readUrl(
          targets[0].replace('catalog-info.yaml', 'README.md'),
        )
      ).buffer()
    ).toString();
    expect(readme).toContain('/openai/v1');
    expect(readme).not.toContain(CANARY);
  });

  it('dry-runs the AI service template without creating anything', async () => {
    const response = await dryRun(
      'ai-service/template.yaml',
      aiService('dry-ai-service'),
      { apiToken: CANARY },
    );
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect(await s3.headBucket('dry-ai-service-data')).toBe(false);
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    expect(
      await kubernetes.get(MODEL_KIND, 'team-search', 'dry-ai-service-model'),
    ).toBeUndefined();
    const locations = await request(server)
      .get('/api/catalog/locations')
      .set('authorization', mockCredentials.service.header());
    expect(locations.status).toBe(200);
    expect(JSON.stringify(locations.body)).not.toContain('dry-ai-service');
  });

  it("runs a webhook workflow: Argo Events' controller makes its Service, and the workflow's page shows the in-cluster URL", async () => {
    const values = {
      ...where,
      name: 'orders-hook',
      engine: 'argo-events',
      namespace: 'team-search',
      targetUrl: 'http://semantic-search.team-search.svc:8080/reindex',
    };
    const { task, log } = await run(
      'template:default/runtime-workflow',
      values,
    );
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : log,
    }).toEqual({ status: 'completed', log: '' });

    // The EventSource declares its Service, and the sandbox's Argo Events controller made it as the
    // real one does: named after the EventSource, owned by it, with the declared ports.
    const kubernetes = sandboxClients.client('dev', 'kubernetes');
    const eventSource = await kubernetes.get(
      EVENT_SOURCE_KIND,
      'team-search',
      'orders-hook',
    );
    const ports = (
      eventSource?.spec as { service?: { ports?: Array<{ port: number }> } }
    ).service?.ports;
    expect(ports).toHaveLength(1);
    let service;
    for (let i = 0; i < 100 && !service; i++) {
      service = await kubernetes.get(
        SERVICE_KIND,
        'team-search',
        'orders-hook-eventsource-svc',
      );
      if (!service) await new Promise(r => setTimeout(r, 100));
    }
    expect(service?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'EventSource', name: 'orders-hook' }),
    ]);
    const url = `http://orders-hook-eventsource-svc.team-search.svc:${
      ports![0].port
    }/orders-hook`;

    // The task's output (its completion event) gives the URL ...
    expect(log).toContain(url);

    // ... and so does the workflow's page, from the catalog entity the Runtime's provider made.
    const [entityRef] = await catalogEntityRefs(/workflow.*orders-hook$/);
    const details = await request(server)
      .get(
        `/api/runtime/entity/resource/default/${entityRef
          .split('/')
          .pop()}/resource`,
      )
      .set('authorization', mockCredentials.user.header());
    expect(details.status).toBe(200);
    expect(details.body.webhookUrls).toEqual([url]);
  });

  it('refuses an invalid name with a clear error and creates nothing', async () => {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/runtime-bucket',
        values: { ...where, name: 'Bad_Bucket!', versioning: true },
      });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toMatch(
      /instance.name does not match pattern/,
    );

    const s3 = sandboxClients.client('dev', 'objectStorage');
    expect((await s3.listBuckets()).map(b => b.name)).not.toContain(
      'Bad_Bucket!',
    );
  });
});
