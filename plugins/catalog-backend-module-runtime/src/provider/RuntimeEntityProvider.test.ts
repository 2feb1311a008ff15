import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  RUNTIME_ANNOTATIONS,
  runtimeInstallationAnnotations,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  EMPTY_SEED,
} from '@runtime-portal/runtime-sandbox';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from '../__testUtils__/runtimeSandbox';
import { RuntimeEntityProvider } from './RuntimeEntityProvider';

const FALLBACK = 'group:default/platform-team';

/**
 * Lets the provider's Kubernetes watches take in what the sandbox has sent: it writes a change's
 * watch event before it answers the write, so a few event-loop turns are enough.
 */
const watchDelivery = () => new Promise(resolve => setTimeout(resolve, 50));

describe('RuntimeEntityProvider against the sandbox', () => {
  let dev: EnvironmentSandbox;
  let staging: EnvironmentSandbox;
  let clients: RuntimeClients;
  let provider: RuntimeEntityProvider;
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  /** Every entity the catalog holds for the provider, as the mutations so far leave it. */
  const catalog = new Map<string, Entity>();
  const apply = (m: EntityProviderMutation) => {
    if (m.type === 'full') {
      catalog.clear();
      for (const { entity } of m.entities) catalog.set(ref(entity), entity);
      return;
    }
    for (const { entity } of m.added) catalog.set(ref(entity), entity);
    for (const r of m.removed) {
      catalog.delete('entityRef' in r ? r.entityRef : ref(r.entity));
    }
  };
  const refresh = async () => {
    const before = mutations.length;
    const result = await provider.refresh();
    mutations.slice(before).forEach(apply);
    return { result, mutations: mutations.slice(before) };
  };
  const resources = () =>
    [...catalog.values()].filter(e => e.kind === 'Resource');
  const byUpstream = (upstreamRef: string) =>
    resources().find(
      e =>
        e.metadata.annotations?.[RUNTIME_ANNOTATIONS.upstreamRef] ===
        upstreamRef,
    );

  beforeAll(async () => {
    dev = await startEnvironmentSandbox();
    staging = await startEnvironmentSandbox(EMPTY_SEED);
    clients = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            dev.config('dev'),
            {
              name: 'staging',
              kubernetes: staging.config('staging').kubernetes,
            },
          ],
        },
      }),
    );
    provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: FALLBACK,
      kinds: ['inference-endpoint', 'secret', 'bucket', 'workflow'],
    });
    await provider.connect(connection);
  });
  afterAll(async () => {
    await provider?.stop();
    await dev?.close();
    await staging?.close();
  });

  it('first ingest: the platform model with installations, and every seeded resource with owner and relations', async () => {
    const { result, mutations: sent } = await refresh();
    expect(result).toMatchObject({ mutation: 'full', failedScopes: [] });
    expect(sent).toHaveLength(1);
    const count = (kind: string) =>
      [...catalog.values()].filter(e => e.kind === kind).length;
    expect(count('Domain')).toBe(1);
    expect(count('System')).toBe(7);
    expect(count('Component')).toBe(24);
    expect(count('API')).toBeGreaterThanOrEqual(3);

    const kubeai = catalog.get('component:default/kubeai')!;
    const devKeys = runtimeInstallationAnnotations('dev');
    const stagingKeys = runtimeInstallationAnnotations('staging');
    expect(kubeai.metadata.annotations).toMatchObject({
      [devKeys.installed]: 'true',
      [devKeys.version]: '0.14.0',
      [devKeys.namespace]: 'runtime-inference',
      [devKeys.ready]: 'true',
      [devKeys.replicas]: '1/1',
      [stagingKeys.installed]: 'false',
      'backstage.io/kubernetes-namespace': 'runtime-inference',
      'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/name=kubeai',
    });

    const types = resources().map(e => e.spec?.type);
    expect(types.filter(t => t === 'inference-endpoint')).toHaveLength(5);
    expect(types.filter(t => t === 'secret')).toHaveLength(4);
    expect(types.filter(t => t === 'bucket')).toHaveLength(3);
    expect(types.filter(t => t === 'workflow')).toHaveLength(6);

    expect(byUpstream('team-search/bge-small-embeddings')).toMatchObject({
      metadata: {
        name: 'dev-endpoint-team-search-bge-small-embeddings',
        annotations: {
          [RUNTIME_ANNOTATIONS.environment]: 'dev',
          'backstage.io/managed-by-location': 'runtime:dev/models',
          'backstage.io/managed-by-origin-location': 'runtime:dev/models',
          'runtime-portal.io/model-url': 'hf://BAAI/bge-small-en-v1.5',
          'runtime-portal.io/model-engine': 'Infinity',
          'runtime-portal.io/model-features': 'TextEmbedding',
          'runtime-portal.io/min-replicas': '1',
          'runtime-portal.io/max-replicas': '3',
        },
      },
      spec: {
        type: 'inference-endpoint',
        owner: 'group:default/search-team',
        system: 'runtime-inference',
        dependsOn: ['component:default/kubeai'],
        dependencyOf: ['component:default/semantic-search'],
      },
    });
    expect(byUpstream('secret/support-assistant/crm-api')?.spec).toEqual({
      type: 'secret',
      owner: 'group:default/assistant-team',
      system: 'runtime-access-security',
      dependsOn: ['component:default/openbao'],
      dependencyOf: ['component:default/support-assistant'],
    });
    expect(byUpstream('s3://meeting-recordings')?.spec).toMatchObject({
      owner: 'group:default/media-team',
      dependsOn: ['component:default/minio'],
      dependencyOf: ['component:default/meeting-transcriber'],
    });
    expect(byUpstream('team-media/transcribe-on-upload')?.spec).toMatchObject({
      type: 'workflow',
      owner: 'group:default/media-team',
      system: 'runtime-workflows',
      dependsOn: ['component:default/argo-events'],
    });
    expect(byUpstream('temporal:support-assistant')?.spec).toMatchObject({
      owner: 'group:default/assistant-team',
      dependsOn: ['component:default/temporal'],
      dependencyOf: ['component:default/support-assistant'],
    });
    expect(byUpstream('temporal:temporal-system')).toBeUndefined();
    for (const resource of resources()) {
      expect(resource.metadata.annotations).not.toHaveProperty(
        RUNTIME_ANNOTATIONS.ownerProblem,
      );
    }
  });

  it('an unchanged Runtime produces no mutation at all', async () => {
    const { result, mutations: sent } = await refresh();
    expect(result.mutation).toBe('none');
    expect(sent).toHaveLength(0);
  });

  it('sends only what was added, changed and deleted', async () => {
    const s3 = clients.client('dev', 'objectStorage');
    const k8s = clients.client('dev', 'kubernetes');
    await s3.createBucket('search-scratch');
    await s3.setTags('search-scratch', {
      owner: 'search-team',
      service: 'semantic-search',
    });
    await s3.setTags('meeting-recordings', { owner: 'search-team' });
    await k8s.delete(SENSOR_KIND, 'team-assistant', 'nightly-evaluation');
    await watchDelivery();

    const { result, mutations: sent } = await refresh();
    expect(result).toMatchObject({ mutation: 'delta', added: 2, removed: 1 });
    expect(sent).toHaveLength(1);
    const delta = sent[0] as Extract<EntityProviderMutation, { type: 'delta' }>;
    expect(delta.added.map(d => d.entity.metadata.name).sort()).toEqual([
      'dev-bucket-meeting-recordings',
      'dev-bucket-search-scratch',
    ]);
    expect(delta.removed).toEqual([
      {
        entityRef:
          'resource:default/dev-workflow-team-assistant-nightly-evaluation',
        locationKey: 'runtime:dev/sensors',
      },
    ]);
    expect(byUpstream('s3://meeting-recordings')?.spec?.owner).toBe(
      'group:default/search-team',
    );
    expect(byUpstream('s3://meeting-recordings')?.spec).not.toHaveProperty(
      'dependencyOf',
    );
  });

  it('ingests resources without a valid owner with the fallback owner and says what was found', async () => {
    const s3 = clients.client('dev', 'objectStorage');
    await s3.createBucket('orphaned-data');
    await s3.createBucket('badly-tagged');
    await s3.setTags('badly-tagged', { owner: 'Search Team!' });
    await refresh();
    expect(byUpstream('s3://orphaned-data')).toMatchObject({
      spec: { owner: FALLBACK },
      metadata: {
        annotations: {
          [RUNTIME_ANNOTATIONS.ownerProblem]:
            "no owner: bucket tag 'owner' is not set",
        },
      },
    });
    expect(
      byUpstream('s3://badly-tagged')?.metadata.annotations?.[
        RUNTIME_ANNOTATIONS.ownerProblem
      ],
    ).toBe(
      "invalid owner: bucket tag 'owner' is 'Search Team!', which is not a group name",
    );
    expect(byUpstream('s3://badly-tagged')?.spec?.owner).toBe(FALLBACK);
  });

  it('gives resources whose raw names collide distinct entity names', async () => {
    // Set up as the platform: the portal may not create namespaces.
    const k8s = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: { environments: [dev.adminConfig('dev')] },
      }),
    ).client('dev', 'kubernetes');
    await k8s.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-search-bge' },
    });
    const model = (namespace: string, name: string) => ({
      apiVersion: 'kubeai.org/v1',
      kind: 'Model',
      metadata: {
        name,
        namespace,
        labels: { 'runtime-portal.io/owner': 'search-team' },
      },
      spec: {
        url: 'hf://BAAI/bge-small-en-v1.5',
        engine: 'Infinity',
        features: ['TextEmbedding'],
      },
    });
    await k8s.create(model('team-search', 'bge-x'));
    await k8s.create(model('team-search-bge', 'x'));
    await watchDelivery();
    await refresh();
    const a = byUpstream('team-search/bge-x')!.metadata.name;
    const b = byUpstream('team-search-bge/x')!.metadata.name;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^dev-endpoint-team-search-bge-x-[0-9a-f]{8}$/);
  });

  it('keeps the entities of an upstream that is down, and applies the changes of the others', async () => {
    const before = resources().filter(e => e.spec?.type === 'bucket').length;
    await dev.s3.close();
    await clients
      .client('dev', 'kubernetes')
      .delete(SENSOR_KIND, 'team-search', 'reindex-on-upload');
    await watchDelivery();
    const { result, mutations: sent } = await refresh();
    expect(result.failedScopes).toEqual(['runtime:dev/buckets']);
    expect(sent).toHaveLength(1);
    const delta = sent[0] as Extract<EntityProviderMutation, { type: 'delta' }>;
    expect(delta.removed).toEqual([
      expect.objectContaining({
        entityRef:
          'resource:default/dev-workflow-team-search-reindex-on-upload',
      }),
    ]);
    expect(resources().filter(e => e.spec?.type === 'bucket')).toHaveLength(
      before,
    );

    // still down: nothing more to say
    expect((await refresh()).mutations).toHaveLength(0);
  });

  it('on a cold start with an upstream down, only adds until every upstream has answered', async () => {
    const sent: EntityProviderMutation[] = [];
    const restarted = new RuntimeEntityProvider({
      clients, // dev's S3 is still down
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: FALLBACK,
      kinds: ['inference-endpoint', 'secret', 'bucket', 'workflow'],
    });
    await restarted.connect({
      applyMutation: async m => {
        sent.push(m);
      },
      refresh: async () => {},
    });
    const result = await restarted.refresh();
    await restarted.stop();
    expect(result).toMatchObject({
      mutation: 'delta',
      removed: 0,
      failedScopes: ['runtime:dev/buckets'],
    });
    expect(sent).toEqual([
      expect.objectContaining({ type: 'delta', removed: [] }),
    ]);
  });

  it('keeps what an environment has installed, and its Kubernetes resources, while its cluster is down', async () => {
    const endpoints = resources().filter(
      e => e.spec?.type === 'inference-endpoint',
    );
    await dev.kubernetes.close();
    await watchDelivery();
    const { result, mutations: sent } = await refresh();
    expect(result.failedScopes.sort()).toEqual([
      'runtime:dev/buckets',
      'runtime:dev/models',
      'runtime:dev/sensors',
      'runtime:dev/workloads',
    ]);
    expect(sent).toHaveLength(0);
    expect(
      catalog.get('component:default/kubeai')?.metadata.annotations?.[
        runtimeInstallationAnnotations('dev').installed
      ],
    ).toBe('true');
    expect(
      resources().filter(e => e.spec?.type === 'inference-endpoint'),
    ).toEqual(endpoints);
  });

  it('never puts a secret value into an entity', async () => {
    const paths = await clients
      .client('dev', 'openbao')
      .listSecretsRecursive('');
    const values: string[] = [];
    for (const path of paths) {
      const response = await fetch(
        `${dev.openbao.url}/v1/secret/data/${path}`,
        {
          headers: {
            'X-Vault-Token': DEFAULT_SANDBOX_ADMIN_CREDENTIALS.openbaoToken,
          },
        },
      );
      const body = await response.json();
      values.push(...(Object.values(body.data.data) as string[]));
    }
    expect(values.length).toBeGreaterThanOrEqual(7);
    const emitted = JSON.stringify(mutations);
    for (const value of values) expect(emitted).not.toContain(value);
  });
});

function ref(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLocaleLowerCase('en-US');
}
