import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { RuntimeObservabilityReport } from '@runtime-portal/backstage-plugin-runtime-common';
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
  catalogHiding,
  runtimeResourceEntity,
  serviceEntity,
} from './testing/entities';
import { sandboxAccessConfig } from './testing/access';

jest.setTimeout(60_000);

/** A search-team member; the permission policy below lets them read their team's resources only. */
const ALICE = 'user:default/alice';

const ownService = serviceEntity(
  'semantic-search',
  'team-search',
  'search-team',
);
/** A search-team entity whose annotations name assistant-team's service. */
const impostor: Entity = {
  ...ownService,
  metadata: {
    ...ownService.metadata,
    name: 'impostor',
    annotations: {
      ...ownService.metadata.annotations,
      'backstage.io/kubernetes-id': 'support-assistant',
      'backstage.io/kubernetes-namespace': 'team-assistant',
    },
  },
};
const hidden = serviceEntity('meeting-transcriber', 'team-media', 'media-team');
const ownBucket = runtimeResourceEntity(
  'dev-bucket-semantic-search-index',
  'bucket',
  's3://semantic-search-index',
);
const othersSecret = runtimeResourceEntity(
  'dev-secret-support-assistant-crm-api',
  'secret',
  'secret/support-assistant/crm-api',
);

/** Whose each resource is, as the permission policy's ownership condition would decide. */
const RESOURCE_TEAMS: Record<string, string> = {
  'resource:default/dev-bucket-semantic-search-index': 'search-team',
  'resource:default/dev-secret-support-assistant-crm-api': 'assistant-team',
};
const USER_TEAMS: Record<string, string> = { [ALICE]: 'search-team' };

const ACTIONS = '/api/runtime/.backstage/actions/v1/actions';
const invokePath = (name: string) =>
  `${ACTIONS}/${encodeURIComponent(`runtime:${name}`)}/invoke`;

describe('the read-only actions in the actions registry', () => {
  let sandbox: Sandbox;
  let prometheus: CountingProxy;
  let openbao: CountingProxy;
  let server: any;
  const authorize = jest.fn(
    async (requests: EvaluatePermissionRequest[], options?: any) =>
      requests.map(r => ({
        result:
          'resourceRef' in r &&
          RESOURCE_TEAMS[r.resourceRef as string] ===
            USER_TEAMS[options?.credentials?.principal?.userEntityRef]
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  );

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
    [prometheus, openbao] = await Promise.all([
      startCountingProxy(sandbox.urls.prometheus),
      startCountingProxy(sandbox.urls.openbao),
    ]);
    const platform = sandboxPlatformConfig(sandbox);
    const environment = sandboxEnvironmentConfig(sandbox);
    ({ server } = await startTestBackend({
      features: [
        runtimePlugin,
        actionsRegistryServiceFactory,
        catalogHiding(
          [ownService, impostor, hidden, ownBucket, othersSecret],
          hidden,
        ).factory,
        mockServices.permissions.mock({ authorize: authorize as any }).factory,
        mockServices.rootConfig.factory({
          data: {
            ...platform,
            backend: { actions: { pluginSources: ['runtime'] } },
            runtime: {
              access: sandboxAccessConfig(),
              harbor: platform.harbor,
              observability: { signalTimeoutMs: 30_000 },
              environments: [
                {
                  ...environment,
                  prometheus: { url: prometheus.url, timeoutMs: 30_000 },
                  openbao: { ...environment.openbao, url: openbao.url },
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all([prometheus?.close(), openbao?.close()]);
    await sandbox?.close();
  });

  const asAlice = (req: request.Test) =>
    req.set('authorization', mockCredentials.user.header(ALICE));
  const invoke = (name: string, input: object) =>
    asAlice(request(server).post(invokePath(name)).send(input));

  it('lists the four actions as read-only, with their input schemas', async () => {
    const response = await asAlice(request(server).get(ACTIONS));
    expect(response.status).toBe(200);
    const actions: any[] = response.body.actions;
    expect(actions.map(a => a.id)).toEqual([
      'runtime:get-entity-observability',
      'runtime:get-entity-delivery',
      'runtime:get-runtime-health',
      'runtime:get-resource-details',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(action.description.length).toBeGreaterThan(80);
    }
    const observability = actions[0].schema.input;
    expect(observability.required).toEqual(['entityRef']);
    expect(observability.properties.range.enum).toEqual([
      '15m',
      '1h',
      '6h',
      '24h',
    ]);
    expect(actions[3].schema.input.properties.entityRef.description).toMatch(
      /kind defaults to resource/,
    );
  });

  it("summarises the member's service's observability from the route's cached report", async () => {
    const route = await asAlice(
      request(server).get(
        '/api/runtime/entity/component/default/semantic-search/observability?range=1h',
      ),
    );
    expect(route.status).toBe(200);
    const report: RuntimeObservabilityReport = route.body;
    prometheus.reset();

    const response = await invoke('get-entity-observability', {
      entityRef: 'semantic-search',
    });

    expect(response.status).toBe(200);
    const { output } = response.body;
    expect(output.entityRef).toBe('component:default/semantic-search');
    const [dev] = output.environments;
    expect(dev).toMatchObject({
      environment: 'dev',
      health: 'healthy',
      metrics: { status: 'ok' },
      alerts: { status: 'ok', firing: expect.any(Array) },
      errorLogs: { status: 'ok', count: expect.any(Number) },
      traces: { status: 'ok', slowOrFailed: expect.any(Number) },
    });
    const metrics = report.environments[0].metrics.data!;
    expect(dev.metrics.current).toEqual(
      Object.fromEntries(metrics.map(m => [m.id, m.current])),
    );
    expect(dev.metrics.current.requestRate).toBeGreaterThan(0);
    expect(dev.errorLogs.count).toBe(report.environments[0].logs.data!.length);
    // The same cache as the route: Prometheus is not asked again.
    expect(prometheus.count()).toBe(0);
  });

  it("reads none of another team's signals through an entity naming them", async () => {
    prometheus.reset();
    const response = await invoke('get-entity-observability', {
      entityRef: 'component:default/impostor',
      range: '15m',
    });
    expect(response.status).toBe(200);
    const [dev] = response.body.output.environments;
    for (const signal of ['metrics', 'alerts', 'errorLogs', 'traces']) {
      expect({ signal, ...dev[signal] }).toEqual({
        signal,
        status: 'not-allowed',
        message:
          'Not allowed: namespace team-assistant in dev belongs to group:default/assistant-team, not to group:default/search-team (the owner of component:default/impostor)',
      });
    }
    expect(dev.health).toBe('unknown');
    expect(prometheus.count()).toBe(0);
  });

  it("gives the member's service's delivery: Argo CD, its newest pipeline and image", async () => {
    const response = await invoke('get-entity-delivery', {
      entityRef: 'component:default/semantic-search',
    });
    expect(response.status).toBe(200);
    const { output } = response.body;
    expect(output.deployments).toEqual([
      expect.objectContaining({
        environment: 'dev',
        status: 'ok',
        applications: [
          expect.objectContaining({
            application: 'semantic-search',
            syncStatus: expect.any(String),
            healthStatus: expect.any(String),
          }),
        ],
      }),
    ]);
    expect(output.lastPipeline).toMatchObject({
      status: 'ok',
      project: 'search-team/semantic-search',
      pipeline: { id: expect.any(Number), status: expect.any(String) },
    });
    expect(output.image).toMatchObject({
      status: 'ok',
      latest: { digest: expect.stringMatching(/^sha256:/) },
    });
  });

  it("gives the Runtime's health: environments, upstreams and components", async () => {
    const response = await invoke('get-runtime-health', {});
    expect(response.status).toBe(200);
    const [dev] = response.body.output.environments;
    expect(dev.name).toBe('dev');
    expect(dev.down).toEqual([]);
    expect(dev.upstreams.map((u: any) => u.upstream)).toEqual(
      expect.arrayContaining(['kubernetes', 'openbao', 'prometheus']),
    );
    expect(dev.upstreams.every((u: any) => u.status === 'ok')).toBe(true);
    expect(dev.components.status).toBe('ok');
    expect(dev.components.targets.length).toBeGreaterThan(0);
  });

  it("gives the live details of the member's team's resource", async () => {
    const response = await invoke('get-resource-details', {
      entityRef: 'dev-bucket-semantic-search-index',
    });
    expect(response.status).toBe(200);
    expect(response.body.output).toMatchObject({
      type: 'bucket',
      environment: 'dev',
      name: 'semantic-search-index',
      versioning: expect.any(String),
    });
  });

  it("refuses another team's resource before reading it, and does not find a hidden entity", async () => {
    openbao.reset();
    const secret = await invoke('get-resource-details', {
      entityRef: 'resource:default/dev-secret-support-assistant-crm-api',
    });
    expect(secret.status).toBe(403);
    expect(secret.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed: the permission runtime.resource.read is required on resource:default/dev-secret-support-assistant-crm-api',
    });
    expect(openbao.count()).toBe(0);
    expect(authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'runtime.resource.read',
          }),
          resourceRef: 'resource:default/dev-secret-support-assistant-crm-api',
        }),
      ],
      expect.objectContaining({
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ userEntityRef: ALICE }),
        }),
      }),
    );

    for (const name of ['get-entity-observability', 'get-entity-delivery']) {
      const response = await invoke(name, {
        entityRef: 'component:default/meeting-transcriber',
      });
      expect({
        name,
        status: response.status,
        error: response.body.error,
      }).toEqual({
        name,
        status: 404,
        error: expect.objectContaining({
          name: 'NotFoundError',
          message: 'No entity component:default/meeting-transcriber',
        }),
      });
    }
  });

  it('refuses a malformed entity ref and an anonymous caller', async () => {
    const bad = await invoke('get-entity-delivery', { entityRef: 'a:b:c/d/e' });
    expect(bad.status).toBe(400);
    // The routes' own check of an entity's name.
    expect(bad.body.error.message).toBe("Invalid entity name 'd/e'");
    const anonymous = await request(server)
      .post(invokePath('get-runtime-health'))
      .set('authorization', mockCredentials.none.header())
      .send({});
    expect(anonymous.status).toBe(401);
  });
});
