import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  firstPageKey,
  readFirstPage,
  takeFirstPageReadAhead,
} from './firstPageCache';
import {
  RESOURCE_TABLE_FIELDS,
  ResourceFilters,
  resourceRow,
  ResourceRow,
  resourcesFilter,
  ResourcesScope,
} from './resourcesQuery';

/** Where the table is: its page and the cursor that page was read with (none for the first). */
interface Position {
  key: string;
  page: number;
  cursor?: string;
}

/** One page of the resources table, as the catalog answered it. */
export interface ResourcesPage {
  rows: ResourceRow[];
  /** How many Resources match, over all pages. */
  totalItems: number;
  nextCursor?: string;
  prevCursor?: string;
}

/**
 * Pages through the Resources of `scope` with the chosen `filters`, `pageSize` at a time, with the
 * catalog's cursors (`queryEntities`): each page is one request for only the table's fields, and the
 * catalog counts the matches. Changing the filters goes back to the first page.
 */
export function useResourcesPage(
  scope: ResourcesScope,
  filters: ResourceFilters,
  pageSize: number,
) {
  const catalogApi = useApi(catalogApiRef);
  const filter = useMemo(
    () => resourcesFilter(scope, filters),
    [scope, filters],
  );
  const filterKey = firstPageKey(filter, pageSize);
  // A position belongs to the filter it was reached with: another filter starts on the first page.
  const [reached, setReached] = useState<Position>({ key: filterKey, page: 0 });
  const position = useMemo<Position>(
    () => (reached.key === filterKey ? reached : { key: filterKey, page: 0 }),
    [reached, filterKey],
  );

  const state = useAsync(async (): Promise<ResourcesPage> => {
    const response = position.cursor
      ? await catalogApi.queryEntities({
          cursor: position.cursor,
          limit: pageSize,
          fields: RESOURCE_TABLE_FIELDS,
        })
      : await (takeFirstPageReadAhead(catalogApi, filterKey) ??
          readFirstPage(catalogApi, filter, pageSize));
    return {
      rows: response.items.map(resourceRow),
      totalItems: response.totalItems,
      nextCursor: response.pageInfo.nextCursor,
      prevCursor: response.pageInfo.prevCursor,
    };
    // The filter is in filterKey; the position changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, filterKey, position, pageSize]);

  // While a page loads, the shown one is the previous: its cursors are not from where the table is.
  const page = state.loading ? undefined : state.value;
  const next = useCallback(() => {
    if (page?.nextCursor) {
      setReached({
        key: position.key,
        page: position.page + 1,
        cursor: page.nextCursor,
      });
    }
  }, [page, position]);
  const previous = useCallback(() => {
    if (page?.prevCursor) {
      setReached({
        key: position.key,
        page: position.page - 1,
        cursor: page.prevCursor,
      });
    }
  }, [page, position]);
  return { ...state, pageIndex: position.page, next, previous };
}
