import { ConfigReader } from '@backstage/config';
import {
  PLATFORM_MODEL_LOCATION,
  platformModelEntities,
} from './platformModelEntities';
import { readCatalogRuntimeConfig } from './readCatalogRuntimeConfig';

describe('platformModelEntities', () => {
  it('describes the Domain, 7 Systems, 24 Components and their APIs, owned by the platform team', () => {
    const entities = platformModelEntities({
      owner: 'group:default/platform-team',
    }).map(entity => ({ entity, locationKey: PLATFORM_MODEL_LOCATION }));
    const byKind = (kind: string) =>
      entities
        .filter((e: any) => e.entity.kind === kind)
        .map((e: any) => e.entity);
    expect(byKind('Domain')).toHaveLength(1);
    expect(byKind('System')).toHaveLength(7);
    expect(byKind('Component')).toHaveLength(24);
    expect(byKind('API').length).toBeGreaterThanOrEqual(3);
    for (const { entity, locationKey } of entities as any[]) {
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
    expect(readCatalogRuntimeConfig(new ConfigReader({}))).toMatchObject({
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: [
        'inference-endpoint',
        'secret',
        'bucket',
        'workflow',
        'database',
        'route',
      ],
      schedule: { frequency: { minutes: 5 } },
    });
    expect(
      readCatalogRuntimeConfig(
        new ConfigReader({
          catalog: { providers: { runtime: { platformOwner: 'sre' } } },
        }),
      ),
    ).toMatchObject({
      platformOwner: 'group:default/sre',
      ownerFallback: 'group:default/sre',
    });
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

  it('refuses an unknown resource kind, naming the key', () => {
    expect(() =>
      readCatalogRuntimeConfig(
        new ConfigReader({
          catalog: { providers: { runtime: { kinds: ['message-queue'] } } },
        }),
      ),
    ).toThrow(/catalog\.providers\.runtime\.kinds.*'message-queue'/);
  });
});
