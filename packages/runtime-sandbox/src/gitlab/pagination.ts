import { Request, Response } from 'express';
import { GitLabApiError } from './apiError';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/**
 * GitLab's offset pagination: `page` and `per_page` (default 20, at most 100) from the query, the page
 * of `items` as the answer, and the `x-page`, `x-per-page`, `x-total`, `x-total-pages`,
 * `x-next-page`, `x-prev-page` and `Link` headers.
 */
export function paginate<T>(
  req: Request,
  res: Response,
  items: T[],
  baseUrl: string,
): T[] {
  const url = new URL(req.originalUrl, baseUrl);
  const page = readPositive(url.searchParams, 'page') ?? 1;
  const perPage = Math.min(
    readPositive(url.searchParams, 'per_page') ?? DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
  );
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const next = page < totalPages ? page + 1 : undefined;
  const prev = page > 1 && page <= totalPages + 1 ? page - 1 : undefined;

  const link = (target: number, rel: string) => {
    const targetUrl = new URL(url);
    targetUrl.searchParams.set('page', String(target));
    targetUrl.searchParams.set('per_page', String(perPage));
    return `<${targetUrl.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(prev ? [link(prev, 'prev')] : []),
    ...(next ? [link(next, 'next')] : []),
    link(1, 'first'),
    link(totalPages, 'last'),
  ];
  res.set({
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-total-pages': String(totalPages),
    'x-next-page': next ? String(next) : '',
    'x-prev-page': prev ? String(prev) : '',
    link: links.join(', '),
  });
  return items.slice((page - 1) * perPage, page * perPage);
}

/** A positive integer parameter; GitLab refuses a non-integer and treats zero or less as unset. */
function readPositive(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw GitLabApiError.badParameter(`${name} is invalid`);
  }
  const number = Number(value);
  return number > 0 ? number : undefined;
}
