import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { useRef } from 'react';
import { readFirstPageAhead } from './firstPageCache';
import { resourcesScope } from './resourcesQuery';

/**
 * Properties of {@link RuntimeResourcesReadAhead}.
 *
 * @public
 */
export interface RuntimeResourcesReadAheadProps {
  /** The page size of the page's `RuntimeResourcesTableCard` (20 unless it sets one). */
  pageSize?: number;
}

/**
 * Renders nothing: as soon as the entity is known, starts the catalog query of the first page of its
 * `RuntimeResourcesTableCard`, which takes it when it renders instead of asking only then. Place it
 * next to the entity page's layout (e.g. in the `EntitySwitch.Case` of the page), so that the
 * query runs while the page's cards load.
 *
 * @public
 */
export function RuntimeResourcesReadAhead(
  props: RuntimeResourcesReadAheadProps,
) {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const pageSize = props.pageSize ?? 20;
  const started = useRef<string>();
  const key = `${pageSize}:${entity.metadata.uid ?? entity.metadata.name}`;
  // During render, not in an effect: the point is to start before the page's cards commit. Reading
  // ahead is idempotent (one pending read per page), so a repeated render starts nothing new.
  if (started.current !== key) {
    started.current = key;
    readFirstPageAhead(catalogApi, resourcesScope(entity).filter, pageSize);
  }
  return null;
}
