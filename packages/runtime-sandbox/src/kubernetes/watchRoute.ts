import { badRequest, methodNotAllowed } from './apiErrors';
import { ResourceTarget } from './requestParsing';
import { WatchRequest } from './watch';

/** Whether a resource request asks for a watch (`watch=true` or `watch=1`). */
export function isWatch(query: URLSearchParams): boolean {
  return query.get('watch') === 'true' || query.get('watch') === '1';
}

/**
 * The watch a `GET ...?watch=true` on a list path asks for; 405 for another method, 400 for a
 * watch of one object's path or a malformed `timeoutSeconds`.
 */
export function watchRequest(
  method: string | undefined,
  target: ResourceTarget,
  query: URLSearchParams,
): WatchRequest {
  if (method !== 'GET') throw methodNotAllowed();
  if (target.name !== undefined || target.subresource) {
    throw badRequest(
      'watch of one object: use a list watch with fieldSelector=metadata.name=<name>',
    );
  }
  const timeout = query.get('timeoutSeconds');
  if (timeout !== null && !/^\d+$/.test(timeout)) {
    throw badRequest(`invalid timeoutSeconds: ${timeout}`);
  }
  return {
    resource: target.resource,
    namespace: target.namespace,
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    resourceVersion: query.get('resourceVersion') || undefined,
    allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
    timeoutSeconds: timeout === null ? undefined : Number(timeout),
  };
}
