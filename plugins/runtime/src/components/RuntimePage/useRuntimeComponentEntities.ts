import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { RUNTIME_COMPONENT_TYPE } from '../resources';

/**
 * Only what the Runtime page shows of each runtime Component. Not its relations: a component hosting
 * thousands of Resources has one relation each (see useHostedResourceCounts for their count).
 */
const RUNTIME_COMPONENT_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'metadata.labels',
  'spec.type',
];

/** The catalog's runtime Components (`spec.type: runtime-component`), read in one request. */
export function useRuntimeComponentEntities() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Entity[]> => {
    const response = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': RUNTIME_COMPONENT_TYPE },
      fields: RUNTIME_COMPONENT_FIELDS,
    });
    return response.items;
  }, [catalogApi]);
}
