/* eslint-disable @backstage/no-undeclared-imports -- a test helper, run from source only: its
   imports are the backend's devDependencies */
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
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderModuleGitLab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { ConfigReader } from '@backstage/config';
import catalogModuleRuntime from '@runtime-portal/backstage-plugin-catalog-backend-module-runtime';
import permissionModuleRuntime from '@runtime-portal/backstage-plugin-permission-backend-module-runtime';
import { oboAuthFactory } from '@runtime-portal/backstage-plugin-permission-backend-module-runtime/testUtils';
import scaffolderModuleRuntime from '@runtime-portal/backstage-plugin-scaffolder-backend-module-runtime';
import runtimeBackend from '@runtime-portal/backstage-plugin-runtime-backend';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { sandboxRoutesConfig } from './sandboxRoutes';

// eslint-disable-next-line no-restricted-syntax
const TEMPLATES_DIR = path.resolve(__dirname, '../../../../examples/templates');

/** Every template file: `<name>.yaml`, or `<name>/template.yaml` beside its skeleton. */
const TEMPLATE_FILES = fs
  .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
  .map(e => (e.isDirectory() ? `${e.name}/template.yaml` : e.name))
  .filter(f => f.endsWith('.yaml'));

/** A template entity as the catalog serves it, with the location its skeleton is read relative to. */
function templateEntity(file: string): Entity {
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
}

/** The files beside a template, as the template editor sends them with a dry-run. */
function directoryContents(file: string) {
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
}

/** The templates and the mock user (a search-team member) in the catalog, as a file location gives them. */
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
                ...TEMPLATE_FILES.map(templateEntity),
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

/** What a finished scaffolder task gives a test: the task and its event log as one string. */
export interface FinishedTask {
  task: { id: string; status: string; [key: string]: unknown };
  log: string;
}

/** A portal backend for running the self-service templates, and what a test does with it. */
export interface TemplatesBackend {
  sandbox: Sandbox;
  /** The supertest target of the backend. */
  server: any;
  /** Clients with the sandbox administrator's credentials, to inspect the Runtime as its platform does. */
  sandboxClients: RuntimeClients;
  /** Runs a template as the search-team member until the task ends. */
  run(
    templateRef: string,
    values: object,
    secrets?: object,
  ): Promise<FinishedTask>;
  /** Dry-runs a template file (as the template editor does) as the search-team member. */
  dryRun(
    file: string,
    values: object,
    secrets?: object,
  ): Promise<request.Response>;
  /** The catalog's entity (`kind/namespace/name`), read as a service; undefined while it has none. */
  catalogEntity(entityPath: string): Promise<Entity | undefined>;
  /** Waits until the catalog serves the entity. */
  waitForEntity(entityPath: string): Promise<Entity>;
  /** Waits until the catalog holds a Resource whose name matches; the refs of those that do. */
  catalogEntityRefs(name: RegExp): Promise<string[]>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Starts the sandbox and a backend with the real catalog (the Runtime's catalog module, the templates
 * from examples/templates), the real permission backend with the Runtime's policy, the real scaffolder
 * with the Runtime's and GitLab's modules and the runtime backend, signed in as `user:default/mock`, a
 * member of search-team (not a platform admin); `dev` publishes routes as app-config.yaml's sandbox
 * `dev` does. The Runtime's live resources are read once at start-up;
 * later changes come with the actions' events, which trigger the provider's refresh. `options` adds
 * features and `backend:` and `runtime:` configuration (say, the MCP actions backend and its plugin
 * sources).
 */
export async function startTemplatesBackend(
  options: {
    /** More features (plugins, modules, service factories) for the backend. */
    features?: BackendFeature[];
    /** More `backend:` configuration, e.g. `actions.pluginSources`. */
    backend?: Record<string, unknown>;
    /** More `runtime:` configuration, e.g. `observability`. */
    runtime?: Record<string, unknown>;
  } = {},
): Promise<TemplatesBackend> {
  const sandbox = await startSandbox({ ports: 'free', readyAfterMs: 200 });
  const sandboxClients = RuntimeClients.fromConfig(
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
    backend: { baseUrl: 'http://localhost:7007', ...options.backend },
    integrations: platform.integrations,
    permission: { enabled: true },
    runtime: {
      ...options.runtime,
      // With its routes, as app-config.yaml has them, so templates can expose services.
      environments: [
        { ...sandboxEnvironmentConfig(sandbox), routes: sandboxRoutesConfig() },
      ],
      access: {
        platformAdmins: ['group:default/platform-team'],
        teams: [
          {
            group: 'group:default/search-team',
            namespaces: ['team-search'],
            gitlabGroups: ['search-team'],
            argocdProjects: ['search-team'],
          },
        ],
      },
    },
  };
  const events = mockServices.events();
  let backend;
  try {
    backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleScaffolderEntityModel,
        catalogModuleTemplates,
        catalogModuleRuntime,
        permissionBackend,
        permissionModuleRuntime,
        scaffolderPlugin,
        scaffolderModuleRuntime,
        scaffolderModuleGitLab,
        runtimeBackend,
        ...(options.features ?? []),
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
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const server = backend.server;

  const catalogEntity = async (entityPath: string) => {
    const response = await request(server)
      .get(`/api/catalog/entities/by-name/${entityPath}`)
      .set('authorization', mockCredentials.service.header());
    return response.status === 200 ? (response.body as Entity) : undefined;
  };

  const harness: TemplatesBackend = {
    sandbox,
    server,
    sandboxClients,
    catalogEntity,
    async waitForEntity(entityPath) {
      for (let i = 0; i < 300; i++) {
        const entity = await catalogEntity(entityPath);
        if (entity) return entity;
        await sleep(100);
      }
      throw new Error(`the catalog never served ${entityPath}`);
    },
    async catalogEntityRefs(name) {
      let names: string[] = [];
      for (let i = 0; i < 300; i++) {
        const response = await request(server)
          .get(
            '/api/catalog/entities?filter=kind=resource&fields=metadata.name',
          )
          .set('authorization', mockCredentials.service.header());
        names = (response.body as Entity[]).map(e => e.metadata.name);
        const matching = names.filter(n => name.test(n));
        if (matching.length > 0)
          return matching.map(n => `resource:default/${n}`);
        await sleep(100);
      }
      throw new Error(
        `the catalog never held a resource named ${name}, only: ${names.join(
          ', ',
        )}`,
      );
    },
    dryRun: (file, values, secrets = {}) =>
      request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('authorization', mockCredentials.user.header())
        .send({
          template: templateEntity(file),
          values,
          secrets,
          directoryContents: directoryContents(file),
        }),
    async run(templateRef, values, secrets = {}) {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('authorization', mockCredentials.user.header())
        .send({ templateRef, values, secrets });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      for (let i = 0; i < 600; i++) {
        const task = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('authorization', mockCredentials.user.header());
        if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
          const taskEvents = await request(server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
            .set('authorization', mockCredentials.user.header());
          return { task: task.body, log: JSON.stringify(taskEvents.body) };
        }
        await sleep(100);
      }
      throw new Error('task did not finish');
    },
    async stop() {
      await backend.stop();
      await sandbox.close();
    },
  };
  // Every template is processed before a test runs one (the catalog processes them one by one).
  for (const file of TEMPLATE_FILES) {
    await harness.waitForEntity(
      `template/default/${templateEntity(file).metadata.name}`,
    );
  }
  return harness;
}
