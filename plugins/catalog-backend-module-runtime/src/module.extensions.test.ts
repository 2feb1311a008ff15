import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { RUNTIME_OWNER_LABEL } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  NAMESPACE_KIND,
  runtimeLiveResourceSourcesExtensionPoint,
  RuntimeLiveResourceSource,
  runtimeOwnerResolutionExtensionPoint,
  RuntimeOwnerResolver,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { catalogModuleRuntime } from './module';
import { RuntimeEntityProvider } from './provider/RuntimeEntityProvider';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from './__testUtils__/runtimeSandbox';

/** An adopter's kind: the environment's namespaces, watched, owned by their owner label. */
const NAMESPACES: RuntimeLiveResourceSource = {
  id: 'namespaces',
  type: 'namespace',
  upstream: 'kubernetes',
  kind: NAMESPACE_KIND,
  toResource: (namespace, environment) => ({
    environment,
    type: 'namespace',
    name: namespace.metadata.name,
    upstreamRef: namespace.metadata.name,
    hostComponent: 'kubernetes',
    area: 'compute',
    ownerValue: namespace.metadata.labels?.[RUNTIME_OWNER_LABEL],
    ownerSource: `label '${RUNTIME_OWNER_LABEL}'`,
    details: {},
  }),
};

/** An adopter's listed kind whose upstream is down. */
const FAILING: RuntimeLiveResourceSource = {
  id: 'queues',
  type: 'queue',
  upstream: 'kubernetes',
  read: async () => {
    throw new Error('queue broker unreachable');
  },
};

function sourcesModule(...sources: RuntimeLiveResourceSource[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-live-resources',
    register(reg) {
      reg.registerInit({
        deps: { live: runtimeLiveResourceSourcesExtensionPoint },
        async init({ live }) {
          sources.forEach(source => live.addLiveResourceSource(source));
        },
      });
    },
  });
}

function resolverModule(moduleId: string, resolver: RuntimeOwnerResolver) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { owners: runtimeOwnerResolutionExtensionPoint },
        async init({ owners }) {
          owners.setOwnerResolver(resolver);
        },
      });
    },
  });
}

/** Search-team resources belong to the search guild; the rest resolve as by default. */
const guildResolver: RuntimeOwnerResolver = query =>
  query.value === 'search-team'
    ? { owner: 'group:default/search-guild' }
    : query.resolveDefault();

describe('the extension points of catalogModuleRuntime', () => {
  let sandbox: EnvironmentSandbox;
  beforeAll(async () => {
    sandbox = await startEnvironmentSandbox();
  });
  afterAll(() => sandbox?.close());

  /** Starts a backend with the module and `features`, and returns its provider and a refresh. */
  async function start(...features: ReturnType<typeof createBackendModule>[]) {
    const providers: EntityProvider[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...p: any[]) => providers.push(...p.flat()),
            addProcessor: () => {},
            addPlaceholderResolver: () => {},
            setOnProcessingErrorHandler: () => {},
          },
        ],
      ],
      features: [
        catalogModuleRuntime,
        ...features,
        mockServices.rootConfig.factory({
          data: {
            catalog: { providers: { runtime: { platformOwner: 'platform' } } },
            runtime: { environments: [sandbox.config('dev')] },
          },
        }),
        // the test refreshes itself: no scheduled runs
        mockServices.scheduler.mock().factory,
      ],
    });
    const provider = providers[0] as RuntimeEntityProvider;
    const mutations: EntityProviderMutation[] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    };
    await provider.connect(connection);
    const entities = async () => {
      const result = await provider.refresh();
      const applied = mutations.flatMap(m =>
        m.type === 'full' ? m.entities : m.added,
      );
      return {
        result,
        byName: (name: string): Entity | undefined =>
          applied.find(e => e.entity.metadata.name === name)?.entity,
      };
    };
    return { backend, entities };
  }

  it("puts an added kind's entities into the applied mutation and keeps a failing one's scope as failed", async () => {
    const { backend, entities } = await start(
      sourcesModule(NAMESPACES, FAILING),
    );
    try {
      const { result, byName } = await entities();
      expect(result.failedScopes).toEqual(['runtime:dev/queues']);
      expect(byName('dev-namespace-team-search')).toMatchObject({
        kind: 'Resource',
        metadata: {
          annotations: {
            'backstage.io/managed-by-location': 'runtime:dev/namespaces',
            'runtime-portal.io/upstream-ref': 'team-search',
          },
        },
        spec: {
          type: 'namespace',
          owner: 'group:default/search-team',
          system: 'runtime-compute',
          dependsOn: ['component:default/kubernetes'],
        },
      });
      // the built-in kinds are still read
      expect(byName('dev-bucket-meeting-recordings')?.spec?.owner).toBe(
        'group:default/media-team',
      );
    } finally {
      await backend.stop();
    }
  }, 30_000);

  it("owns live resources by the adopter's owner resolver, and refuses what is not a group", async () => {
    const { backend, entities } = await start(
      sourcesModule(NAMESPACES),
      resolverModule('test-owners', query =>
        query.value === 'media-team'
          ? { owner: 'user:default/jane' }
          : guildResolver(query),
      ),
    );
    try {
      const { byName } = await entities();
      expect(byName('dev-namespace-team-search')?.spec?.owner).toBe(
        'group:default/search-guild',
      );
      const bucket = byName('dev-bucket-meeting-recordings');
      expect(bucket?.spec?.owner).toBe('group:default/platform');
      expect(
        bucket?.metadata.annotations?.['runtime-portal.io/owner-problem'],
      ).toMatch(/owner resolver.*'user:default\/jane', which is not a group/);
    } finally {
      await backend.stop();
    }
  }, 30_000);

  it('refuses at startup a source whose type is a built-in one', async () => {
    await expect(
      start(sourcesModule({ ...NAMESPACES, id: 'my-buckets', type: 'bucket' })),
    ).rejects.toThrow(
      /Live resource source 'my-buckets': the type 'bucket' is a built-in live resource type/,
    );
  });

  it('refuses at startup a source whose id another source has, and a second owner resolver', async () => {
    await expect(
      start(sourcesModule({ ...NAMESPACES, id: 'secrets' })),
    ).rejects.toThrow(/'secrets': another live resource source has this id/);
    await expect(
      start(
        resolverModule('test-owners', guildResolver),
        resolverModule('test-more-owners', guildResolver),
      ),
    ).rejects.toThrow(/an owner resolver is already set/);
  });
});
