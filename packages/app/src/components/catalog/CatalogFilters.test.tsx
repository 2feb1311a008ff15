import { Entity } from '@backstage/catalog-model';
import { EntitySystemFilter } from './CatalogFilters';

const resource = (system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'x' },
  spec: system
    ? { type: 'bucket', owner: 'team', system }
    : { type: 'bucket', owner: 'team' },
});

describe('EntitySystemFilter', () => {
  it('keeps entities of the chosen Systems and asks the catalog for them', () => {
    const filter = new EntitySystemFilter([
      'runtime-inference',
      'runtime-data-storage',
    ]);
    expect(filter.filterEntity(resource('runtime-inference'))).toBe(true);
    expect(filter.filterEntity(resource('runtime-network'))).toBe(false);
    expect(filter.filterEntity(resource())).toBe(false);
    expect(filter.getCatalogFilters()).toEqual({
      'spec.system': ['runtime-inference', 'runtime-data-storage'],
    });
    expect(filter.toQueryValue()).toEqual([
      'runtime-inference',
      'runtime-data-storage',
    ]);
  });
});
