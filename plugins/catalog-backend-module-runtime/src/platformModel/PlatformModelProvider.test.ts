import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { PlatformModelProvider } from './PlatformModelProvider';
import { readCatalogRuntimeConfig } from './readCatalogRuntimeConfig';

describe('PlatformModelProvider', () => {
  const applyMutation = jest.fn();
  const connection: EntityProviderConnection = {
    applyMutation,
    refresh: jest.fn(),
  };

  it('puts the Domain, 7 Systems, 24 Components and their APIs into the catalog, owned by the platform team', async () => {
    const provider = new PlatformModelProvider({
      owner: 'group:default/platform-team',
      logger: mockServices.logger.mock(),
    });
    await provider.connect(connection);

    const { type, entities } = applyMutation.mock.calls[0][0];
    expect(type).toBe('full');
    const byKind = (kind: string) =>
      entities
        .filter((e: any) => e.entity.kind === kind)
        .map((e: any) => e.entity);
    expect(byKind('Domain')).toHaveLength(1);
    expect(byKind('System')).toHaveLength(7);
    expect(byKind('Component')).toHaveLength(24);
    expect(byKind('API').length).toBeGreaterThanOrEqual(3);
    for (const { entity, locationKey } of entities) {
      expect(entity.spec.owner).toBe('group:default/platform-team');
      expect(locationKey).toBe('runtime:platform-model');
      expect(
        entity.metadata.annotations['backstage.io/managed-by-location'],
      ).toBe('runtime:platform-model');
    }

    const kubeai = byKind('Component').find(
      (c: any) => c.metadata.name === 'kubeai',
    );
    expect(kubeai.spec).toMatchObject({
      system: 'runtime-inference',
      providesApis: ['openai-inference'],
    });
    expect(
      kubeai.metadata.annotations['backstage.io/kubernetes-label-selector'],
    ).toBe('app.kubernetes.io/name=kubeai');
    const inference = byKind('System').find(
      (s: any) => s.metadata.name === 'runtime-inference',
    );
    expect(inference.spec.domain).toBe('runtime');
  });
});

describe('readCatalogRuntimeConfig', () => {
  it('defaults the owner and normalises a short ref', () => {
    expect(readCatalogRuntimeConfig(new ConfigReader({}))).toEqual({
      platformOwner: 'group:default/platform-team',
    });
    expect(
      readCatalogRuntimeConfig(
        new ConfigReader({
          catalog: { providers: { runtime: { platformOwner: 'sre' } } },
        }),
      ),
    ).toEqual({ platformOwner: 'group:default/sre' });
  });

  it('refuses an owner that is not a group, naming the key', () => {
    expect(() =>
      readCatalogRuntimeConfig(
        new ConfigReader({
          catalog: {
            providers: { runtime: { platformOwner: 'user:default/bob' } },
          },
        }),
      ),
    ).toThrow(/catalog\.providers\.runtime\.platformOwner.*Group/);
  });
});
