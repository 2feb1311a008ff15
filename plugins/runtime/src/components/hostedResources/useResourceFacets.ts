import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  RESOURCE_FILTER_FIELDS,
  ResourceFilterName,
  ResourcesScope,
} from './resourcesQuery';

/** A value a filter can take, with how many of the scope's Resources have it. */
export interface FacetOption {
  value: string;
  count: number;
}

/** The options of each filter of the table. */
export type ResourceFacets = Record<ResourceFilterName, FacetOption[]>;

/**
 * The values of the table's filters among the scope's Resources, with their counts: one facet request
 * to the catalog (`getEntityFacets`), which counts on the server instead of sending the Resources.
 * Nothing is requested until `enabled` (the table asks once its first page is in, so the two requests
 * do not compete for the catalog: the rows are what the reader waits for).
 */
export function useResourceFacets(scope: ResourcesScope, enabled = true) {
  const catalogApi = useApi(catalogApiRef);
  const scopeKey = JSON.stringify(scope.filter);
  return useAsync(async (): Promise<ResourceFacets | undefined> => {
    if (!enabled) return undefined;
    const names = Object.keys(RESOURCE_FILTER_FIELDS) as ResourceFilterName[];
    const { facets } = await catalogApi.getEntityFacets({
      filter: scope.filter,
      facets: names.map(name => RESOURCE_FILTER_FIELDS[name]),
    });
    const options = {} as ResourceFacets;
    for (const name of names) {
      options[name] = (facets[RESOURCE_FILTER_FIELDS[name]] ?? [])
        .map(f => ({ value: f.value, count: f.count }))
        .sort((a, b) => a.value.localeCompare(b.value));
    }
    return options;
    // The scope's filter is in scopeKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, scopeKey, enabled]);
}
