import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ApiServer } from './ApiServer';
import { WatchHub } from './watch';
import {
  KubeApiError,
  badRequest,
  internalError,
  methodNotAllowed,
  pathNotFound,
  unauthorized,
} from './apiErrors';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from './discovery';
import {
  ResourceTarget,
  decodeBody,
  managerFromUserAgent,
  parseLimit,
  parseResourcePath,
  parseWriteQuery,
  patchTypeOf,
  readBody,
} from './requestParsing';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A warning as kube-apiserver sends it: `Warning: 299 - "text"` (quotes and backslashes escaped). */
function warningHeader(text: string): string {
  return `299 - "${text.replace(/["\\]/g, c => `\\${c}`)}"`;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  warnings: string[] = [],
) {
  const text = JSON.stringify(body);
  if (warnings.length > 0)
    res.setHeader('warning', warnings.map(warningHeader));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}

function discovery(pathname: string, host: string): unknown {
  const segments = pathname.split('/').filter(Boolean);
  if (pathname === '/version') return versionInfo();
  if (pathname === '/api') return coreApiVersions(host);
  if (pathname === '/apis') return apiGroupList();
  if (segments[0] === 'api' && segments.length === 2)
    return apiResourceList('', segments[1]);
  if (segments[0] === 'apis' && segments.length === 2)
    return apiGroup(segments[1]);
  if (segments[0] === 'apis' && segments.length === 3)
    return apiResourceList(segments[1], segments[2]);
  return undefined;
}

function isWatch(query: URLSearchParams): boolean {
  return query.get('watch') === 'true' || query.get('watch') === '1';
}

function watchRequest(target: ResourceTarget, query: URLSearchParams) {
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

async function serveResource(
  api: ApiServer,
  req: http.IncomingMessage,
  url: URL,
  target: ResourceTarget,
  warnings: string[],
): Promise<[number, unknown]> {
  const { resource, namespace, name, subresource } = target;
  const method = req.method ?? 'GET';
  const query = url.searchParams;
  const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
    ? decodeBody(req, await readBody(req))
    : undefined;
  const manager = () =>
    parseWriteQuery(query, 'CreateOptions').fieldManager ??
    managerFromUserAgent(req.headers['user-agent']);

  if (name === undefined) {
    if (method === 'GET') {
      return [
        200,
        api.list(resource, namespace, {
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
          limit: parseLimit(query),
          continue: query.get('continue') || undefined,
          resourceVersion: query.get('resourceVersion') || undefined,
        }),
      ];
    }
    if (
      method === 'POST' &&
      (namespace !== undefined || !resource.namespaced)
    ) {
      const { dryRun, fieldValidation } = parseWriteQuery(
        query,
        'CreateOptions',
      );
      return [
        201,
        api.create(resource, namespace, body, {
          manager: manager(),
          dryRun,
          fieldValidation,
          warnings,
        }),
      ];
    }
    throw methodNotAllowed();
  }

  if (subresource === 'scale') {
    if (method === 'GET') return [200, api.getScale(resource, namespace, name)];
    if (method !== 'PUT' && method !== 'PATCH') throw methodNotAllowed();
    const { dryRun } = parseWriteQuery(
      query,
      method === 'PUT' ? 'UpdateOptions' : 'PatchOptions',
    );
    const type = method === 'PUT' ? 'replace' : patchTypeOf(req);
    return [
      200,
      api.writeScale(
        resource,
        namespace,
        name,
        { type, body },
        { manager: manager(), dryRun },
      ),
    ];
  }

  switch (method) {
    case 'GET':
      return [200, api.get(resource, namespace, name)];
    case 'PUT': {
      const { dryRun, fieldValidation } = parseWriteQuery(
        query,
        'UpdateOptions',
      );
      return [
        200,
        api.replace(resource, namespace, name, body, {
          manager: manager(),
          dryRun,
          fieldValidation,
          warnings,
          subresource,
        }),
      ];
    }
    case 'PATCH': {
      const type = patchTypeOf(req);
      const options = parseWriteQuery(query, 'PatchOptions');
      const existed = api.store.get(resource, namespace, name) !== undefined;
      const result = api.patch(resource, namespace, name, type, body, {
        manager: type === 'apply' ? options.fieldManager ?? '' : manager(),
        dryRun: options.dryRun,
        fieldValidation: options.fieldValidation,
        warnings,
        force: options.force,
        subresource,
      });
      return [existed ? 200 : 201, result];
    }
    case 'DELETE': {
      if (subresource) throw methodNotAllowed();
      const { dryRun } = parseWriteQuery(query, 'DeleteOptions');
      const preconditions = (
        body as
          | { preconditions?: { uid?: string; resourceVersion?: string } }
          | undefined
      )?.preconditions;
      return [
        200,
        api.delete(resource, namespace, name, { dryRun, preconditions }),
      ];
    }
    default:
      throw methodNotAllowed();
  }
}

/**
 * The HTTP front of the sandbox API server: bearer-token authentication (401 `Unauthorized`
 * Status otherwise), discovery documents, and the resource paths, with every error written as a
 * `Status` object.
 */
export function createKubernetesHandler(
  api: ApiServer,
  token: string,
  watches: WatchHub,
): http.RequestListener {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      if (['/healthz', '/livez', '/readyz'].includes(pathname)) {
        res
          .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end('ok');
        return;
      }
      const authorization = req.headers.authorization ?? '';
      const given = authorization.startsWith('Bearer ')
        ? authorization.slice(7).trim()
        : '';
      if (!given || !sameToken(given, token)) throw unauthorized();

      const target = parseResourcePath(pathname);
      if (target && isWatch(url.searchParams)) {
        if (req.method !== 'GET') throw methodNotAllowed();
        if (target.name !== undefined || target.subresource) {
          throw badRequest(
            'watch of one object: use a list watch with fieldSelector=metadata.name=<name>',
          );
        }
        watches.serve(watchRequest(target, url.searchParams), res);
        return;
      }
      if (target) {
        const warnings: string[] = [];
        const [status, body] = await serveResource(
          api,
          req,
          url,
          target,
          warnings,
        );
        send(res, status, body, warnings);
        return;
      }
      if (req.method !== 'GET') throw methodNotAllowed();
      const document = discovery(pathname, req.headers.host ?? 'localhost');
      if (!document) throw pathNotFound();
      send(res, 200, document);
    } catch (error) {
      const apiError =
        error instanceof KubeApiError ? error : internalError(error);
      if (!res.headersSent) send(res, apiError.code, apiError.toStatus());
      else res.end();
    }
  };
}
