import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesClient,
  MODEL_KIND,
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

const OWNER = 'runtime-portal.io/owner';

function model(name: string, owner = 'search-team') {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace: 'team-search', labels: { [OWNER]: owner } },
    spec: {
      url: `hf://bench/${name}`,
      engine: 'VLLM' as const,
      features: ['TextGeneration' as const],
      minReplicas: 0,
      maxReplicas: 1,
    },
  };
}

/** How the provider keeps Kubernetes kinds current through watches instead of listing them. */
describe('RuntimeEntityProvider with Kubernetes watches', () => {
  let sandbox: EnvironmentSandbox;
  let k8s: KubernetesClient;
  /** Writes of the test's own, as the platform (the portal may not delete or replace Models). */
  let platform: KubernetesClient;
  let provider: RuntimeEntityProvider;
  let sent: EntityProviderMutation[];

  const owners = () => {
    const owned = new Map<string, string>();
    for (const m of sent) {
      const added = m.type === 'full' ? m.entities : m.added;
      for (const { entity } of added) {
        const ref =
          entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.upstreamRef];
        if (ref) owned.set(ref, String(entity.spec?.owner));
      }
    }
    return owned;
  };
  const removedCount = () =>
    sent.reduce((n, m) => n + (m.type === 'delta' ? m.removed.length : 0), 0);

  beforeEach(async () => {
    sandbox = await startEnvironmentSandbox(EMPTY_SEED);
    const clients = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            { name: 'dev', kubernetes: sandbox.config('dev').kubernetes },
          ],
        },
      }),
    );
    k8s = clients.client('dev', 'kubernetes');
    platform = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            { name: 'dev', kubernetes: sandbox.adminConfig('dev').kubernetes },
          ],
        },
      }),
    ).client('dev', 'kubernetes');
    await platform.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-search' },
    });
    await platform.create(model('bge'));
    await platform.create(model('qwen'));
    sent = [];
    provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['inference-endpoint', 'workflow'],
      watchBackoff: { initialMs: 20, maxMs: 50 },
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

  it('does not list Kubernetes at all on an unchanged refresh', async () => {
    await provider.refresh();
    const list = jest.spyOn(k8s, 'list');
    const result = await provider.refresh();
    expect(result).toMatchObject({ mutation: 'none', failedScopes: [] });
    expect(list).not.toHaveBeenCalled();
  });

  it('applies a change that arrived through the watch on the next refresh, without listing', async () => {
    await provider.refresh();
    const list = jest.spyOn(k8s, 'list');
    const live = await platform.get(MODEL_KIND, 'team-search', 'bge');
    await platform.replace({
      ...live!,
      metadata: { ...live!.metadata, labels: { [OWNER]: 'ml-team' } },
    });
    await platform.create(model('llama'));
    await platform.delete(MODEL_KIND, 'team-search', 'qwen');

    await eventually(async () => {
      await provider.refresh();
      return removedCount() === 1 && owners().has('team-search/llama')
        ? true
        : undefined;
    });
    expect(owners().get('team-search/bge')).toBe('group:default/ml-team');
    const delta = sent.find(
      (m): m is Extract<EntityProviderMutation, { type: 'delta' }> =>
        m.type === 'delta' && m.removed.length > 0,
    )!;
    expect(delta.removed).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/dev-endpoint-team-search-qwen',
      }),
    ]);
    expect(list).not.toHaveBeenCalled();
  });

  it('lists on every refresh while the watch is down, and removes nothing', async () => {
    const watch = jest.spyOn(k8s, 'watch').mockRejectedValue(
      new RuntimeUpstreamError({
        upstream: 'kubernetes',
        environment: 'dev',
        operation: 'watch Model in all namespaces',
        reason: 'Unavailable',
      }),
    );
    const first = await provider.refresh();
    expect(first).toMatchObject({ mutation: 'full', failedScopes: [] });
    expect(owners().size).toBe(2);

    const list = jest.spyOn(k8s, 'list');
    await platform.create(model('llama'));
    const second = await provider.refresh();
    expect(second).toMatchObject({ mutation: 'delta', added: 1, removed: 0 });
    expect(owners().has('team-search/llama')).toBe(true);
    expect(list).toHaveBeenCalledWith(MODEL_KIND, expect.anything());
    expect(watch).toHaveBeenCalled();
    expect(removedCount()).toBe(0);
  });

  it('lists again after an expired watch and loses no change made meanwhile', async () => {
    await provider.refresh();
    sandbox.kubernetes.compactWatchHistory();
    sandbox.kubernetes.closeWatches();
    await platform.create(model('llama'));
    await eventually(async () => {
      await provider.refresh();
      return owners().has('team-search/llama') ? true : undefined;
    });
    expect(removedCount()).toBe(0);
    // the watch is back: an unchanged refresh lists no Model again
    const list = jest.spyOn(k8s, 'list');
    const modelLists = () =>
      list.mock.calls.filter(([kind]) => kind === MODEL_KIND).length;
    await eventually(async () => {
      list.mockClear();
      const result = await provider.refresh();
      return result.mutation === 'none' && modelLists() === 0
        ? true
        : undefined;
    });
  });

  it('triggers the scheduled refresh once when a burst of watched changes settles', async () => {
    const scheduler = mockServices.scheduler.mock();
    const scheduled = new RuntimeEntityProvider({
      clients: RuntimeClients.fromConfig(
        new ConfigReader({
          runtime: {
            environments: [
              { name: 'dev', kubernetes: sandbox.config('dev').kubernetes },
            ],
          },
        }),
      ),
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['inference-endpoint'],
      schedule: {
        scheduler,
        definition: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
      },
      changeSettleMs: 100,
    });
    try {
      await scheduled.connect({
        applyMutation: async () => {},
        refresh: async () => {},
      });
      await scheduled.refresh();
      expect(scheduler.triggerTask).not.toHaveBeenCalled();

      await platform.create(model('llama'));
      await platform.create(model('mistral'));
      await platform.delete(MODEL_KIND, 'team-search', 'qwen');
      await eventually(async () =>
        scheduler.triggerTask.mock.calls.length > 0 ? true : undefined,
      );
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
      expect(scheduler.triggerTask).toHaveBeenCalledWith(
        'runtime-entity-provider:refresh',
      );
    } finally {
      await scheduled.stop();
    }
  });

  it('keeps the entities of a cluster that goes down', async () => {
    await provider.refresh();
    await sandbox.kubernetes.close();
    const result = await eventually(async () => {
      const r = await provider.refresh();
      return r.failedScopes.includes('runtime:dev/models') ? r : undefined;
    });
    expect(result.mutation).toBe('none');
    expect(removedCount()).toBe(0);
  });

  it('stops its watches on stop()', async () => {
    await provider.refresh();
    const watch = jest.spyOn(k8s, 'watch');
    await provider.stop();
    sandbox.kubernetes.closeWatches();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(watch).not.toHaveBeenCalled();
  });
});
