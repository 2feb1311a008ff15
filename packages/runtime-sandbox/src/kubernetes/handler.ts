import http from 'node:http';
import { ApiServer } from './ApiServer';
import {
  KubeApiError,
  internalError,
  methodNotAllowed,
  pathNotFound,
  unauthorized,
} from './apiErrors';
import { authenticate } from './authentication';
import { discoveryDocument } from './discovery';
import {
  UserInfo,
  forbiddenCreateOnUpdate,
  forbiddenRequest,
  rbacAllows,
  requestAttributes,
} from './rbac';
import { parseResourcePath } from './requestParsing';
import { serveResource } from './resourceRoutes';
import { sendJson } from './responses';
import { WatchHub } from './watch';
import { isWatch, watchRequest } from './watchRoute';

const HEALTH_PATHS = ['/healthz', '/livez', '/readyz'];

/**
 * The HTTP front of the sandbox API server, routing each request: health checks (without a
 * token), then bearer-token authentication (`users`: token to user; 401 `Unauthorized` Status
 * otherwise), then RBAC authorization of what the request path and method ask (`rbac/`; 403
 * `Forbidden` Status before anything else of the request is read), then watches (`watchRoute.ts`),
 * resource paths (`resourceRoutes.ts`) and discovery documents, with every error written as a
 * `Status` object.
 */
export function createKubernetesHandler(
  api: ApiServer,
  users: ReadonlyMap<string, UserInfo>,
  watches: WatchHub,
): http.RequestListener {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      if (HEALTH_PATHS.includes(pathname)) {
        res
          .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end('ok');
        return;
      }
      const user = authenticate(req, users);
      if (!user) throw unauthorized();
      const attributes = requestAttributes(req.method, url);
      if (!rbacAllows(api.store, user, attributes)) {
        throw forbiddenRequest(user, attributes);
      }
      const authorizeCreate = () => {
        const create = { ...attributes, verb: 'create' };
        if (!rbacAllows(api.store, user, create)) {
          throw forbiddenCreateOnUpdate(create);
        }
      };

      const target = parseResourcePath(pathname);
      if (target && isWatch(url.searchParams)) {
        watches.serve(watchRequest(req.method, target, url.searchParams), res);
        return;
      }
      if (target) {
        const warnings: string[] = [];
        const [status, body] = await serveResource(
          api,
          req,
          url.searchParams,
          target,
          warnings,
          authorizeCreate,
        );
        sendJson(res, status, body, warnings);
        return;
      }
      if (req.method !== 'GET') throw methodNotAllowed();
      const document = discoveryDocument(
        pathname,
        req.headers.host ?? 'localhost',
      );
      if (!document) throw pathNotFound();
      sendJson(res, 200, document);
    } catch (error) {
      const apiError =
        error instanceof KubeApiError ? error : internalError(error);
      if (!res.headersSent) sendJson(res, apiError.code, apiError.toStatus());
      else res.end();
    }
  };
}
