import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  RuntimeClients,
  RuntimeLiveResource,
  RuntimeLiveResourceSource,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { RefreshMarker } from './RefreshMarker';
import { RuntimeEntityProvider } from './RuntimeEntityProvider';

/** The cache service the replicas share (Redis in production), in memory. */
function sharedCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

/** The catalog's entities of the provider, as the mutations of every replica leave them. */
class Catalog {
  readonly entities = new Map<string, Entity>();
  readonly mutations: EntityProviderMutation[] = [];
  failNext = false;

  connection(): EntityProviderConnection {
    return {
      applyMutation: async m => {
        if (this.failNext) {
          this.failNext = false;
          throw new Error('database unavailable');
        }
        this.mutations.push(m);
        if (m.type === 'full') this.entities.clear();
        const added = m.type === 'full' ? m.entities : m.added;
        for (const { entity } of added) {
          this.entities.set(stringifyEntityRef(entity), entity);
        }
        if (m.type === 'delta') {
          for (const r of m.removed) {
            this.entities.delete(
              'entityRef' in r ? r.entityRef : stringifyEntityRef(r.entity),
            );
          }
        }
      },
      refresh: async () => {},
    };
  }

  queues(): string[] {
    return [...this.entities.values()]
      .filter(e => e.spec?.type === 'queue')
      .map(e => e.metadata.name.replace(/^dev-queue-/, ''))
      .sort();
  }
}

describe('RuntimeEntityProvider on several replicas', () => {
  // What the upstream has now; every replica reads it on each refresh.
  let upstream: string[] = [];
  const queue = (name: string): RuntimeLiveResource => ({
    environment: 'dev',
    type: 'queue',
    name,
    upstreamRef: name,
    hostComponent: 'temporal',
    area: 'workflows',
    ownerValue: 'search-team',
    ownerSource: 'test',
    details: {},
  });
  const QUEUES: RuntimeLiveResourceSource = {
    id: 'queues',
    type: 'queue',
    upstream: 'temporal',
    read: async () => upstream.map(queue),
  };
  const clients = RuntimeClients.fromConfig(
    new ConfigReader({
      runtime: {
        environments: [
          { name: 'dev', temporal: { httpUrl: 'http://127.0.0.1:9' } },
        ],
      },
    }),
  );
  const replica = async (catalog: Catalog, cache: CacheService) => {
    const provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: [],
      extraSources: [QUEUES],
      refreshMarker: new RefreshMarker(cache),
    });
    await provider.connect(catalog.connection());
    return provider;
  };

  it('keeps an entity that came back while another replica refreshed in between', async () => {
    const catalog = new Catalog();
    const cache = sharedCache();
    const [a, b] = [
      await replica(catalog, cache),
      await replica(catalog, cache),
    ];

    upstream = ['orders', 'payments'];
    expect((await a.refresh()).mutation).toBe('full');
    expect((await b.refresh()).mutation).toBe('full');

    upstream = ['payments'];
    expect(await b.refresh()).toMatchObject({ mutation: 'delta', removed: 1 });
    expect(catalog.queues()).toEqual(['payments']);

    // `orders` comes back. Replica a last emitted it, so a delta from a's own set would send nothing.
    upstream = ['orders', 'payments'];
    expect((await a.refresh()).mutation).toBe('full');
    expect(catalog.queues()).toEqual(['orders', 'payments']);

    // Refreshing again on the replica that refreshed last sends only what changed: nothing.
    expect((await a.refresh()).mutation).toBe('none');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('removes an entity that came and went while another replica refreshed in between', async () => {
    const catalog = new Catalog();
    const cache = sharedCache();
    const [a, b] = [
      await replica(catalog, cache),
      await replica(catalog, cache),
    ];

    upstream = ['payments'];
    await a.refresh();
    upstream = ['orders', 'payments'];
    await b.refresh();
    expect(catalog.queues()).toEqual(['orders', 'payments']);

    // `orders` is gone. Replica a never emitted it, so a delta from a's own set would keep it.
    upstream = ['payments'];
    expect((await a.refresh()).mutation).toBe('full');
    expect(catalog.queues()).toEqual(['payments']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('sends the whole set again after a mutation the catalog did not take', async () => {
    const catalog = new Catalog();
    const provider = await replica(catalog, sharedCache());
    upstream = ['orders'];
    await provider.refresh();

    upstream = ['orders', 'payments'];
    catalog.failNext = true;
    await expect(provider.refresh()).rejects.toThrow('database unavailable');
    expect(catalog.queues()).toEqual(['orders']);

    expect((await provider.refresh()).mutation).toBe('full');
    expect(catalog.queues()).toEqual(['orders', 'payments']);
    await provider.stop();
  });

  it('applies deltas as before when the marker is its own', async () => {
    const catalog = new Catalog();
    const provider = await replica(catalog, sharedCache());
    upstream = ['orders'];
    expect((await provider.refresh()).mutation).toBe('full');
    upstream = ['orders', 'payments'];
    expect(await provider.refresh()).toMatchObject({
      mutation: 'delta',
      added: 1,
    });
    expect((await provider.refresh()).mutation).toBe('none');
    await provider.stop();
  });
});
