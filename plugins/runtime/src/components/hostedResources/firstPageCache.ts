import { CatalogApi } from '@backstage/plugin-catalog-react';
import { RESOURCE_TABLE_FIELDS } from './resourcesQuery';

type FirstPage = ReturnType<CatalogApi['queryEntities']>;

/** How long a first page asked for ahead of its table is kept for it. */
const KEEP_MS = 15_000;

/** First pages asked for ahead of their table, per catalog client and page key; each is used once. */
const ahead = new WeakMap<
  CatalogApi,
  Map<string, { page: FirstPage; at: number }>
>();

/** The key of a first page: its size and its catalog filter (the table's filter key). */
export function firstPageKey(
  filter: Record<string, string>,
  pageSize: number,
): string {
  return `${pageSize}:${JSON.stringify(filter)}`;
}

/** Asks the catalog for the first page of the Resources matching `filter`: only the table's fields, by name. */
export function readFirstPage(
  catalogApi: CatalogApi,
  filter: Record<string, string>,
  pageSize: number,
): FirstPage {
  return catalogApi.queryEntities({
    filter,
    limit: pageSize,
    fields: RESOURCE_TABLE_FIELDS,
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
}

/**
 * Starts reading a first page before its table is shown (once per key while one is pending), so the
 * table finds it in flight or answered instead of asking only once it has rendered.
 */
export function readFirstPageAhead(
  catalogApi: CatalogApi,
  filter: Record<string, string>,
  pageSize: number,
): void {
  const pages = ahead.get(catalogApi) ?? new Map();
  ahead.set(catalogApi, pages);
  const key = firstPageKey(filter, pageSize);
  const now = Date.now();
  const kept = pages.get(key);
  if (kept && now - kept.at < KEEP_MS) return;
  const page = readFirstPage(catalogApi, filter, pageSize);
  // A failed read ahead is reported by the table that takes it, not as an unhandled rejection here.
  page.catch(() => undefined);
  pages.set(key, { page, at: now });
}

/** The first page read ahead for `key`, if one is recent; it is taken, so the next table reads anew. */
export function takeFirstPageReadAhead(
  catalogApi: CatalogApi,
  key: string,
): FirstPage | undefined {
  const pages = ahead.get(catalogApi);
  const kept = pages?.get(key);
  if (!kept) return undefined;
  pages!.delete(key);
  return Date.now() - kept.at < KEEP_MS ? kept.page : undefined;
}
