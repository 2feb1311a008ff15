import http from 'node:http';
import { ApiServer } from './ApiServer';
import { methodNotAllowed } from './apiErrors';
import { PatchType } from './operations/types';
import {
  ResourceTarget,
  decodeBody,
  managerFromUserAgent,
  parseLimit,
  parseWriteQuery,
  patchTypeOf,
  readBody,
} from './requestParsing';

/** One resource request, decoded: what the routes below need. */
interface ResourceRequest {
  api: ApiServer;
  req: http.IncomingMessage;
  /** The request method (`GET` when absent). */
  method: string;
  query: URLSearchParams;
  target: ResourceTarget;
  /** The decoded body of a POST, PUT, PATCH or DELETE. */
  body: unknown;
  /** Collects the request's warnings. */
  warnings: string[];
  /** Throws 403 unless the user may also create the object (a write that would create it). */
  authorizeCreate: () => void;
}

/** The field manager of a non-apply write: `fieldManager`, else the User-Agent's product. */
function managerOf({ req, query }: ResourceRequest): string {
  return (
    parseWriteQuery(query, 'CreateOptions').fieldManager ??
    managerFromUserAgent(req.headers['user-agent'])
  );
}

/** A collection path (`.../models`): list, and create in a namespace (or of a cluster-scoped kind). */
function serveCollection(request: ResourceRequest): [number, unknown] {
  const { api, method, query, target, body, warnings } = request;
  const { resource, namespace } = target;
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
  if (method === 'POST' && (namespace !== undefined || !resource.namespaced)) {
    const { dryRun, fieldValidation } = parseWriteQuery(query, 'CreateOptions');
    return [
      201,
      api.create(resource, namespace, body, {
        manager: managerOf(request),
        dryRun,
        fieldValidation,
        warnings,
      }),
    ];
  }
  throw methodNotAllowed();
}

/** An object path (`.../models/x`, `.../models/x/status`): get, replace, patch, delete. */
function serveObject(
  request: ResourceRequest,
  name: string,
  patchType: PatchType | undefined,
): [number, unknown] {
  const { api, method, query, target, body, warnings } = request;
  const { resource, namespace, subresource } = target;
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
          manager: managerOf(request),
          dryRun,
          fieldValidation,
          warnings,
          subresource,
        }),
      ];
    }
    case 'PATCH': {
      const type = patchType!;
      const options = parseWriteQuery(query, 'PatchOptions');
      const existed = api.store.get(resource, namespace, name) !== undefined;
      // An apply that creates the object needs `create` too (the patch handler's withAuthorization).
      if (!existed && type === 'apply') request.authorizeCreate();
      const result = api.patch(resource, namespace, name, type, body, {
        manager:
          type === 'apply' ? options.fieldManager ?? '' : managerOf(request),
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
 * Serves a request to a resource path (not a watch): maps the method and path to the API
 * operation and answers its status code and body. A PATCH's Content-Type is checked before its
 * body is read, as kube-apiserver does.
 */
export async function serveResource(
  api: ApiServer,
  req: http.IncomingMessage,
  query: URLSearchParams,
  target: ResourceTarget,
  warnings: string[],
  authorizeCreate: () => void,
): Promise<[number, unknown]> {
  const method = req.method ?? 'GET';
  const patchType =
    method === 'PATCH' && target.name !== undefined
      ? patchTypeOf(req, target.resource)
      : undefined;
  const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
    ? decodeBody(req, await readBody(req))
    : undefined;
  const request = {
    api,
    req,
    method,
    query,
    target,
    body,
    warnings,
    authorizeCreate,
  };
  return target.name === undefined
    ? serveCollection(request)
    : serveObject(request, target.name, patchType);
}
