import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RuntimeDeliveryReport,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  CountingProxy,
  Sandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  startCountingProxy,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { runtimePlugin } from './plugin';
import {
  handMadeResourceEntity,
  runtimeResourceEntity,
  serviceEntity,
} from './testing/entities';
import { sandboxAccessConfig } from './testing/access';

jest.setTimeout(60_000);

/** A search-team service entity with `annotations` over its own (say, naming other teams' targets). */
function impostor(name: string, annotations: Record<string, string>): Entity {
  const entity = serviceEntity(name, 'team-search', 'search-team');
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, ...annotations },
    },
  };
}

const OF_OTHERS = {
  'backstage.io/kubernetes-id': 'support-assistant',
  'backstage.io/kubernetes-namespace': 'team-assistant',
  'argocd/app-name': 'support-assistant',
  'gitlab.com/project-slug': 'media-team/meeting-transcriber',
  'goharbor.io/repository-slug': 'assistant-team/support-assistant',
};
const attacker = impostor('impostor', OF_OTHERS);
/** The same, made by the Runtime's entity provider: its annotations are trusted. */
const providerMade = impostor('provider-made', {
  ...OF_OTHERS,
  'backstage.io/managed-by-location': 'runtime:platform-model',
  'backstage.io/managed-by-origin-location': 'runtime:platform-model',
});
const ownService = serviceEntity(
  'semantic-search',
  'team-search',
  'search-team',
);
const stolenSecret = handMadeResourceEntity(
  'crm-token',
  'secret',
  'secret/support-assistant/crm-api',
  'search-team',
);
const stolenBucket = handMadeResourceEntity(
  'transcripts',
  'bucket',
  's3://support-assistant-transcripts',
  'search-team',
);
const providerSecret = runtimeResourceEntity(
  'dev-secret-support-assistant-crm-api',
  'secret',
  'secret/support-assistant/crm-api',
);

const ref = (entity: Entity) =>
  `/api/runtime/entity/${entity.kind.toLowerCase()}/default/${
    entity.metadata.name
  }`;

const notAllowed = (what: string, team: string, entity: string) =>
  `Not allowed: ${what} belongs to group:default/${team}, not to group:default/search-team (the owner of ${entity})`;

describe('a team cannot reach another team’s targets through annotations', () => {
  let sandbox: Sandbox;
  let proxies: Record<
    'gitlab' | 'harbor' | 'prometheus' | 'openbao' | 's3',
    CountingProxy
  >;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
    const [gitlab, harbor, prometheus, openbao, s3] = await Promise.all(
      (['gitlab', 'harbor', 'prometheus', 'openbao', 's3'] as const).map(name =>
        startCountingProxy(sandbox.urls[name]),
      ),
    );
    proxies = { gitlab, harbor, prometheus, openbao, s3 };
    clients = RuntimeClients.fromConfig(
      new ConfigReader({
        ...sandboxPlatformConfig(sandbox),
        runtime: {
          harbor: sandboxPlatformConfig(sandbox).harbor,
          environments: [sandboxEnvironmentConfig(sandbox)],
        },
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(proxies ?? {}).map(p => p.close()));
    await sandbox?.close();
  });

  const start = (
    permissions?: ReturnType<typeof mockServices.permissions.mock>,
  ) => {
    const platform = sandboxPlatformConfig(sandbox);
    const environment = sandboxEnvironmentConfig(sandbox);
    return startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory({
          entities: [
            attacker,
            providerMade,
            ownService,
            stolenSecret,
            stolenBucket,
            providerSecret,
          ],
        }),
        ...(permissions ? [permissions.factory] : []),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitlab: [
                {
                  ...platform.integrations.gitlab[0],
                  apiBaseUrl: `${proxies.gitlab.url}/api/v4`,
                },
              ],
            },
            runtime: {
              access: sandboxAccessConfig(),
              harbor: { ...platform.harbor, url: proxies.harbor.url },
              observability: { signalTimeoutMs: 30_000 },
              environments: [
                {
                  ...environment,
                  prometheus: { url: proxies.prometheus.url },
                  openbao: { ...environment.openbao, url: proxies.openbao.url },
                  // Requests through this proxy fail S3's signature: any call at all is counted.
                  objectStorage: {
                    ...environment.objectStorage,
                    endpoint: proxies.s3.url,
                  },
                },
              ],
            },
          },
        }),
      ],
    });
  };

  const resetCounts = () => Object.values(proxies).forEach(p => p.reset());
  const get = (server: any, url: string) =>
    request(server)
      .get(url)
      .set('authorization', mockCredentials.user.header());
  const post = (server: any, url: string, body: object = {}) =>
    request(server)
      .post(url)
      .set('authorization', mockCredentials.user.header())
      .send(body);

  /** What a sync could change of an application. */
  const applicationState = async (name: string) => {
    const app = await clients.client('dev', 'argocd').getApplication(name);
    return {
      sync: app.sync,
      health: app.health,
      operationState: app.operationState,
      history: app.history,
    };
  };

  /** The newest pipeline of a project, as GitLab has it. */
  const newestPipeline = async (project: string) => {
    const gitlab = clients.platformClient('gitlab')!;
    const { id } = await gitlab.getProject(project);
    const [newest] = await gitlab.listPipelines(id, { perPage: 1 });
    const pipeline = await gitlab.getPipeline(id, newest.id);
    return {
      projectId: id,
      id: pipeline.id,
      status: pipeline.status,
      startedAt: pipeline.startedAt,
      finishedAt: pipeline.finishedAt,
      updatedAt: pipeline.updatedAt,
    };
  };

  it("shows none of another team's deployments, pipelines or images, and says whose they are", async () => {
    const { server } = await start();
    resetCounts();
    const response = await get(server, `${ref(attacker)}/delivery`);
    expect(response.status).toBe(200);
    const report: RuntimeDeliveryReport = response.body;
    const entity = 'component:default/impostor';
    expect(report.deployments[0]).toMatchObject({
      environment: 'dev',
      status: 'not-allowed',
      message: notAllowed(
        'Argo CD application support-assistant in dev (project assistant-team, namespace team-assistant)',
        'assistant-team',
        entity,
      ),
    });
    expect(report.deployments[0].data).toBeUndefined();
    expect(report.pipelines).toMatchObject({
      status: 'not-allowed',
      message: notAllowed(
        'GitLab project media-team/meeting-transcriber',
        'media-team',
        entity,
      ),
    });
    expect(report.images).toMatchObject({
      status: 'not-allowed',
      message: notAllowed(
        'Harbor repository assistant-team/support-assistant',
        'assistant-team',
        entity,
      ),
    });
    expect(report.pipelines.data).toBeUndefined();
    expect(report.images.data).toBeUndefined();
    expect(proxies.gitlab.count()).toBe(0);
    expect(proxies.harbor.count()).toBe(0);
  });

  it("reads no metrics, alerts, logs or traces of another team's namespace", async () => {
    const { server } = await start();
    resetCounts();
    const response = await get(
      server,
      `${ref(attacker)}/observability?range=1h`,
    );
    expect(response.status).toBe(200);
    const [dev] = (response.body as RuntimeObservabilityReport).environments;
    const message = notAllowed(
      'namespace team-assistant in dev',
      'assistant-team',
      'component:default/impostor',
    );
    for (const signal of ['metrics', 'alerts', 'logs', 'traces'] as const) {
      expect({ signal, ...dev[signal] }).toEqual({
        signal,
        status: 'not-allowed',
        message,
        fetchedAt: expect.any(String),
      });
    }
    expect(dev.health).toBe('unknown');
    expect(proxies.prometheus.count()).toBe(0);
  });

  it("refuses to sync another team's application, naming it and both teams, and leaves it as it was", async () => {
    const { server } = await start();
    const before = await applicationState('support-assistant');
    expect(before.sync.status).toBe('OutOfSync');
    const response = await post(server, `${ref(attacker)}/delivery/sync`, {
      environment: 'dev',
      application: 'support-assistant',
    });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: notAllowed(
          'Argo CD application support-assistant in dev (project assistant-team, namespace team-assistant)',
          'assistant-team',
          'component:default/impostor',
        ),
      }),
    );
    const after = await applicationState('support-assistant');
    expect(after.sync).toEqual(before.sync);
    expect(after.operationState).toEqual(before.operationState);
    expect(after.health).toEqual(before.health);
    expect(after.history).toEqual(before.history);
  });

  it("refuses to retry another team's pipeline, by slug or by id, and leaves it as it was", async () => {
    const before = await newestPipeline('media-team/meeting-transcriber');
    expect(before.status).toBe('failed');
    const byId = impostor('impostor-by-id', {
      'gitlab.com/project-slug': '',
      'gitlab.com/project-id': String(before.projectId),
    });
    const { server } = await startWith([byId]);
    for (const entity of [attacker, byId]) {
      const response = await post(
        server,
        `${ref(entity)}/delivery/pipelines/${before.id}/retry`,
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        notAllowed(
          'GitLab project media-team/meeting-transcriber',
          'media-team',
          `component:default/${entity.metadata.name}`,
        ),
      );
    }
    expect(await newestPipeline('media-team/meeting-transcriber')).toEqual(
      before,
    );
    const report: RuntimeDeliveryReport = (
      await get(server, `${ref(byId)}/delivery`)
    ).body;
    expect(report.pipelines).toMatchObject({
      status: 'not-allowed',
      message: notAllowed(
        'GitLab project media-team/meeting-transcriber',
        'media-team',
        'component:default/impostor-by-id',
      ),
    });
  });

  it("knows a namespace's team by its owner label when runtime.access does not list it", async () => {
    const access = sandboxAccessConfig();
    access.teams = access.teams.map(team => ({ ...team, namespaces: [] }));
    const { server } = await startWith([], access);
    const [dev] = (
      (await get(server, `${ref(attacker)}/observability?range=1h`))
        .body as RuntimeObservabilityReport
    ).environments;
    expect(dev.logs).toMatchObject({
      status: 'not-allowed',
      message: notAllowed(
        'namespace team-assistant in dev',
        'assistant-team',
        'component:default/impostor',
      ),
    });
    const own = impostor('own-namespace', {
      'backstage.io/kubernetes-id': 'semantic-search',
      'backstage.io/kubernetes-namespace': 'team-search',
    });
    const { server: other } = await startWith([own], access);
    const [ownDev] = (
      (await get(other, `${ref(own)}/observability?range=1h`))
        .body as RuntimeObservabilityReport
    ).environments;
    expect(ownDev.logs.status).toBe('ok');
  });

  it("reads a service name only in the entity's own namespace: another team's service there has no traces", async () => {
    const borrowed = impostor('borrowed-name', {
      'backstage.io/kubernetes-id': 'support-assistant',
      'backstage.io/kubernetes-namespace': 'team-search',
    });
    const real = serviceEntity(
      'support-assistant',
      'team-assistant',
      'assistant-team',
    );
    const { server } = await startWith([borrowed, real]);
    const traces = async (entity: Entity) =>
      (
        (await get(server, `${ref(entity)}/observability?range=1h`))
          .body as RuntimeObservabilityReport
      ).environments[0].traces;
    const ofOwner = await traces(real);
    expect(ofOwner.status).toBe('ok');
    expect(ofOwner.data!.length).toBeGreaterThan(0);
    expect(await traces(borrowed)).toMatchObject({ status: 'ok', data: [] });
  });

  it("refuses a hand-made Resource naming another team's secret or bucket, before any upstream call", async () => {
    const { server } = await start();
    resetCounts();
    for (const entity of [stolenSecret, stolenBucket]) {
      const response = await get(server, `${ref(entity)}/resource`);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(
        new RegExp(
          `^Not allowed: resource:default/${entity.metadata.name} was not made by the Runtime's entity provider \\(backstage.io/managed-by-location is 'url:https://gitlab.example/search-team/`,
        ),
      );
    }
    expect(proxies.openbao.count()).toBe(0);
    expect(proxies.s3.count()).toBe(0);
  });

  it("trusts what the Runtime's entity provider made", async () => {
    const { server } = await start();
    const secret = await get(server, `${ref(providerSecret)}/resource`);
    expect(secret.status).toBe(200);
    expect(secret.body).toMatchObject({
      type: 'secret',
      path: 'support-assistant/crm-api',
    });
    const report: RuntimeDeliveryReport = (
      await get(server, `${ref(providerMade)}/delivery`)
    ).body;
    expect(report.deployments[0].status).toBe('ok');
    expect(report.deployments[0].data![0].application).toBe(
      'support-assistant',
    );
    expect(report.pipelines.status).toBe('ok');
    expect(report.images.status).toBe('ok');
  });

  it('asks the permission policy per entity, and a DENY on the entity is a 403', async () => {
    const denied = new Set([
      'resource:default/dev-secret-support-assistant-crm-api',
      'component:default/semantic-search',
    ]);
    const authorize = jest.fn(async (requests: EvaluatePermissionRequest[]) =>
      requests.map(r => ({
        result:
          'resourceRef' in r && denied.has(r.resourceRef as string)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const { server } = await start(
      mockServices.permissions.mock({ authorize: authorize as any }),
    );
    resetCounts();
    const secret = await get(server, `${ref(providerSecret)}/resource`);
    expect(secret.status).toBe(403);
    expect(secret.body.error.message).toBe(
      'Not allowed: the permission runtime.resource.read is required on resource:default/dev-secret-support-assistant-crm-api',
    );
    expect(proxies.openbao.count()).toBe(0);
    const sync = await post(server, `${ref(ownService)}/delivery/sync`, {
      environment: 'dev',
      application: 'semantic-search',
    });
    expect(sync.status).toBe(403);
    expect(sync.body.error.message).toBe(
      'Not allowed: the permission runtime.deployment.sync is required on component:default/semantic-search',
    );
    expect(authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'runtime.deployment.sync',
          }),
          resourceRef: 'component:default/semantic-search',
        }),
      ],
      expect.anything(),
    );
  });

  /** A backend whose catalog also holds `extra`, with the sandbox's `runtime.access` or `access`. */
  function startWith(extra: Entity[], access = sandboxAccessConfig()) {
    const platform = sandboxPlatformConfig(sandbox);
    return startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory({ entities: [attacker, ...extra] }),
        mockServices.rootConfig.factory({
          data: {
            ...platform,
            runtime: {
              access,
              harbor: platform.harbor,
              observability: { signalTimeoutMs: 30_000 },
              environments: [sandboxEnvironmentConfig(sandbox)],
            },
          },
        }),
      ],
    });
  }
});
