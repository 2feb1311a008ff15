import { RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** The catalog field whose values are the entities a Resource depends on (its host component). */
const HOST_FACET = `relations.${RELATION_DEPENDS_ON}`;

/** How many Resources depend on each entity, by the entity's ref in lower case. */
export type HostedResourceCounts = ReadonlyMap<string, number>;

/**
 * How many catalog Resources each entity hosts, from one facet count of the Resources' `dependsOn`
 * relations: the catalog counts them, so no component's relations (one per Resource) are downloaded.
 */
export function useHostedResourceCounts() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<HostedResourceCounts> => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { kind: 'resource' },
      facets: [HOST_FACET],
    });
    return new Map(
      (facets[HOST_FACET] ?? []).map(({ value, count }) => [
        value.toLocaleLowerCase('en-US'),
        count,
      ]),
    );
  }, [catalogApi]);
}
