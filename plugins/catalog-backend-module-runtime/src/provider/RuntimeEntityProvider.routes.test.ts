import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  CERTIFICATE_KIND,
  KubernetesClient,
  KubernetesObject,
  RuntimeClients,
  RuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { EMPTY_SEED } from '@runtime-portal/runtime-sandbox';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from '../__testUtils__/runtimeSandbox';
import { RuntimeEntityProvider } from './RuntimeEntityProvider';
import { eventually } from '../__testUtils__/eventually';

const NAMESPACE = 'team-search';
const LABELS = { 'runtime-portal.io/owner': 'search-team' };

function apisixRoute(name: string): KubernetesObject {
  return {
    apiVersion: 'apisix.apache.org/v2',
    kind: 'ApisixRoute',
    metadata: { name, namespace: NAMESPACE, labels: LABELS },
    spec: {
      http: [
        {
          name: 'main',
          match: { hosts: [`${name}.apps.dev.runtime.local`], paths: ['/*'] },
          backends: [{ serviceName: name, servicePort: 8080 }],
        },
      ],
    },
  };
}

function certificate(name: string, issuer: string): KubernetesObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: NAMESPACE, labels: LABELS },
    spec: {
      secretName: `${name}-tls`,
      dnsNames: [`${name}.apps.dev.runtime.local`],
      issuerRef: {
        name: issuer,
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    },
  };
}

/** A self-signed ClusterIssuer (cert-manager's kind; the portal's client does not write it). */
function selfSignedIssuer(name: string): KubernetesObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name },
    spec: { selfSigned: {} },
  };
}

/**
 * How the provider keeps routes current: ApisixRoutes and cert-manager Certificates are watched and
 * joined in memory, and a change of either reaches the catalog as a delta through the refresh the
 * watch triggers.
 */
describe('RuntimeEntityProvider with watched routes', () => {
  let sandbox: EnvironmentSandbox;
  let k8s: KubernetesClient;
  /** Writes of the test's own, as the platform. */
  let platform: KubernetesClient;
  let provider: RuntimeEntityProvider;
  let sent: EntityProviderMutation[];
  /** Refreshes the scheduler ran because a watch triggered them (none is called by the test). */
  let triggered: number;

  const deltas = () =>
    sent.filter(
      (m): m is Extract<EntityProviderMutation, { type: 'delta' }> =>
        m.type === 'delta',
    );
  /** The route entity of an ApisixRoute as the catalog last got it, if it has one. */
  const routeEntity = (name: string): Entity | undefined => {
    let latest: Entity | undefined;
    for (const m of sent) {
      const added = m.type === 'full' ? m.entities : m.added;
      for (const { entity } of added) {
        const ref =
          entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.upstreamRef];
        if (entity.spec?.type === 'route' && ref === `${NAMESPACE}/${name}`) {
          latest = entity;
        }
      }
    }
    return latest;
  };
  /** The route kinds a spy on the client's `list` or `watch` was called for, in order. */
  const routeKindsOf = (spy: jest.SpyInstance) =>
    spy.mock.calls
      .map(([kind]) => kind.kind)
      .filter(kind => kind === 'ApisixRoute' || kind === 'Certificate');

  beforeEach(async () => {
    sandbox = await startEnvironmentSandbox(EMPTY_SEED);
    const environmentOf = (config: object) =>
      RuntimeClients.fromConfig(
        new ConfigReader({ runtime: { environments: [config] } }),
      );
    const clients = environmentOf({
      name: 'dev',
      kubernetes: sandbox.config('dev').kubernetes,
    });
    k8s = clients.client('dev', 'kubernetes');
    platform = environmentOf({
      name: 'dev',
      kubernetes: sandbox.adminConfig('dev').kubernetes,
    }).client('dev', 'kubernetes');
    await platform.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    await sandbox.kubernetes.insert([selfSignedIssuer('runtime-ca')]);
    await platform.create(apisixRoute('search'));
    await platform.create(certificate('search', 'runtime-ca'));
    await sandbox.kubernetes.controllersIdle();

    // A scheduler that runs the refresh task when it is triggered, as the backend's does.
    const tasks = new Map<string, SchedulerServiceTaskFunction>();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.set(task.id, task.fn);
      },
      triggerTask: async id => {
        triggered++;
        await tasks.get(id)!(new AbortController().signal);
      },
    });
    sent = [];
    triggered = 0;
    provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['route'],
      schedule: {
        scheduler,
        definition: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
      },
      watchBackoff: { initialMs: 20, maxMs: 50 },
      changeSettleMs: 50,
    });
    await provider.connect({
      applyMutation: async m => {
        sent.push(m);
      },
      refresh: async () => {},
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await provider.stop();
    await sandbox.close();
  });

  it('lists neither ApisixRoutes nor Certificates on a refresh once the watches are open', async () => {
    const list = jest.spyOn(k8s, 'list');
    const first = await provider.refresh();
    expect(first).toMatchObject({ mutation: 'full', failedScopes: [] });
    expect(routeKindsOf(list).sort()).toEqual(['ApisixRoute', 'Certificate']);
    expect(routeEntity('search')?.metadata.annotations).toMatchObject({
      [D.routeUrl]: 'https://search.apps.dev.runtime.local',
      [D.routeCertificateReady]: 'true',
    });

    list.mockClear();
    const second = await provider.refresh();
    expect(second).toMatchObject({ mutation: 'none', failedScopes: [] });
    expect(list).not.toHaveBeenCalled();
  });

  it('adds a new ApisixRoute and removes a deleted one through deltas the watch triggers', async () => {
    await provider.refresh();
    const list = jest.spyOn(k8s, 'list');

    await platform.create(apisixRoute('docs'));
    await eventually(() => routeEntity('docs'));
    const addition = deltas().find(m =>
      m.added.some(a => a.entity === routeEntity('docs')),
    )!;
    expect(addition.added).toHaveLength(1);
    expect(addition.removed).toEqual([]);
    expect(routeEntity('docs')?.metadata.annotations).toMatchObject({
      [D.routeUrl]: 'https://docs.apps.dev.runtime.local',
      [D.routeBackend]: 'docs:8080',
    });

    const ref = `resource:default/${routeEntity('docs')!.metadata.name}`;
    await platform.delete(APISIX_ROUTE_KIND, NAMESPACE, 'docs');
    const removal = await eventually(() =>
      deltas().find(m => m.removed.length > 0),
    );
    expect(removal.removed).toEqual([
      expect.objectContaining({ entityRef: ref }),
    ]);
    expect(removal.added).toEqual([]);
    expect(triggered).toBeGreaterThanOrEqual(2);
    expect(list).not.toHaveBeenCalled();
  });

  it('updates a route when its Certificate becomes Ready, although the ApisixRoute did not change', async () => {
    await platform.create(apisixRoute('pending'));
    // Its issuer does not exist yet: cert-manager cannot issue it.
    await platform.create(certificate('pending', 'later-ca'));
    await sandbox.kubernetes.controllersIdle();
    await provider.refresh();
    expect(routeEntity('pending')?.metadata.annotations).toMatchObject({
      [D.routeCertificateReady]: 'false',
    });
    expect(
      routeEntity('pending')?.metadata.annotations?.[D.routeCertificateExpiry],
    ).toBeUndefined();
    const route = await platform.get(APISIX_ROUTE_KIND, NAMESPACE, 'pending');
    const list = jest.spyOn(k8s, 'list');

    await sandbox.kubernetes.insert([selfSignedIssuer('later-ca')]);
    const issued = await eventually(() =>
      routeEntity('pending')?.metadata.annotations?.[
        D.routeCertificateReady
      ] === 'true'
        ? routeEntity('pending')
        : undefined,
    );
    const live = await platform.get(CERTIFICATE_KIND, NAMESPACE, 'pending');
    expect(live?.status?.notAfter).toBeDefined();
    expect(issued.metadata.annotations?.[D.routeCertificateExpiry]).toBe(
      live?.status?.notAfter,
    );
    // The entity changed with the Certificate alone, as a delta of that entity.
    expect(
      (await platform.get(APISIX_ROUTE_KIND, NAMESPACE, 'pending'))?.metadata
        .resourceVersion,
    ).toBe(route?.metadata.resourceVersion);
    expect(
      deltas()
        .flatMap(m => m.added)
        .every(a => a.entity.metadata.name === issued.metadata.name),
    ).toBe(true);
    expect(list).not.toHaveBeenCalled();
  });

  it('reads a kind the cluster does not serve as none, and watches it once it is served', async () => {
    const list = k8s.list.bind(k8s);
    const watch = jest.spyOn(k8s, 'watch');
    const notServed = jest
      .spyOn(k8s, 'list')
      .mockImplementation((kind, options) =>
        kind.kind === 'Certificate'
          ? Promise.reject(
              new RuntimeUpstreamError({
                upstream: 'kubernetes',
                environment: 'dev',
                operation: 'list Certificate in all namespaces',
                reason: 'NotFound',
                status: 404,
              }),
            )
          : list(kind, options),
      );

    const first = await provider.refresh();
    expect(first).toMatchObject({ mutation: 'full', failedScopes: [] });
    expect(routeEntity('search')?.metadata.annotations).not.toHaveProperty(
      D.routeCertificateReady,
    );
    expect(routeKindsOf(watch)).toEqual(['ApisixRoute']);

    // cert-manager installed: the next refresh lists Certificates again, finds them and watches them.
    notServed.mockRestore();
    const second = await provider.refresh();
    expect(second).toMatchObject({ mutation: 'delta', added: 1, removed: 0 });
    expect(routeEntity('search')?.metadata.annotations).toMatchObject({
      [D.routeCertificateReady]: 'true',
    });
    expect(routeKindsOf(watch)).toEqual(['ApisixRoute', 'Certificate']);
    const unchanged = await provider.refresh();
    expect(unchanged.mutation).toBe('none');
  });
});
