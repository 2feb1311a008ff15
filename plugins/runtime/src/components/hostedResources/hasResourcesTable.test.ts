import { Entity } from '@backstage/catalog-model';
import { hasResourcesTable } from './hasResourcesTable';
import { resourcesScope } from './resourcesQuery';

const entity = (kind: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', namespace: 'default' },
  spec: { type },
});

describe('hasResourcesTable', () => {
  it('is true for runtime components and services only', () => {
    expect(hasResourcesTable(entity('Component', 'runtime-component'))).toBe(
      true,
    );
    expect(hasResourcesTable(entity('Component', 'service'))).toBe(true);
    expect(hasResourcesTable(entity('Component', 'website'))).toBe(false);
    expect(hasResourcesTable(entity('Resource', 'service'))).toBe(false);
  });
});

describe('resourcesScope', () => {
  it('lists what a runtime component hosts and what any other entity uses', () => {
    expect(resourcesScope(entity('Component', 'runtime-component'))).toEqual(
      expect.objectContaining({
        filter: {
          kind: 'resource',
          'relations.dependsOn': 'component:default/x',
        },
        title: 'Hosted resources',
      }),
    );
    expect(resourcesScope(entity('Component', 'service'))).toEqual(
      expect.objectContaining({
        filter: {
          kind: 'resource',
          'relations.dependencyOf': 'component:default/x',
        },
        title: 'Resources used',
      }),
    );
  });
});
