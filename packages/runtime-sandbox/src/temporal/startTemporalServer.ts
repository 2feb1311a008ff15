import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { ServerOptions, StatefulRunningServer } from '../types';
import { GrpcCode, TemporalApiError } from './grpcStatus';
import { describeNamespaceJson } from './namespaceJson';
import { NamespaceStore } from './NamespaceStore';
import { readRegisterNamespaceRequest } from './registerNamespaceRequest';
import { readUpdateNamespaceRequest } from './updateNamespaceRequest';
import { seedTemporal } from './seedTemporal';
import { TemporalSnapshot, temporalSnapshot } from './snapshot';

/**
 * The HTTP bindings of WorkflowService's namespace calls (temporalio/api
 * `workflowservice/v1/service.proto`): `/cluster/namespaces` with `/api/v1/namespaces` as the
 * additional binding.
 */
const NAMESPACE_COLLECTIONS = ['/api/v1/namespaces', '/cluster/namespaces'];

/**
 * Starts the sandbox's Temporal server: the frontend's HTTP API (grpc-gateway JSON, as served on port
 * 7243 by Temporal 1.22 and later) for RegisterNamespace, DescribeNamespace, ListNamespaces and
 * UpdateNamespace (`POST .../{namespace}/update`, its `updateInfo` and retention only), in memory. With `credentials.temporalApiKey` set, every call needs `Authorization: Bearer <key>`.
 */
export async function startTemporalServer(
  options: ServerOptions,
): Promise<StatefulRunningServer<TemporalSnapshot>> {
  const store = new NamespaceStore();
  seedTemporal(store, options.seed);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const requireApiKey = apiKeyCheck(options.credentials.temporalApiKey);
  const readJson = express.json({ type: () => true, strict: false });

  for (const collection of NAMESPACE_COLLECTIONS) {
    app.post(collection, readJson, requireApiKey, (req, res) => {
      store.register(readRegisterNamespaceRequest(req.body ?? {}));
      res.json({});
    });
    app.get(collection, requireApiKey, (req, res) => {
      const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
      const page = store.list(
        readPageSize(query),
        readPageToken(query),
        ['true', '1'].includes(
          query.get('namespaceFilter.includeDeleted') ??
            query.get('namespace_filter.include_deleted') ??
            '',
        ),
      );
      res.json({
        namespaces: page.namespaces.map(describeNamespaceJson),
        ...(page.nextPageToken
          ? { nextPageToken: page.nextPageToken.toString('base64') }
          : {}),
      });
    });
    app.get(`${collection}/:namespace`, requireApiKey, (req, res) => {
      res.json(
        describeNamespaceJson(store.describe(String(req.params.namespace))),
      );
    });
    app.post(
      `${collection}/:namespace/update`,
      readJson,
      requireApiKey,
      (req, res) => {
        const update = readUpdateNamespaceRequest(req.body ?? {});
        const stored = store.update(String(req.params.namespace), update);
        // UpdateNamespaceResponse: DescribeNamespaceResponse's fields, without failover history.
        res.json(describeNamespaceJson(stored));
      },
    );
    app.all([collection, `${collection}/:namespace`], () => {
      throw new TemporalApiError(GrpcCode.UNIMPLEMENTED, 'Method Not Allowed');
    });
  }
  app.use(() => {
    throw new TemporalApiError(GrpcCode.NOT_FOUND, 'Not Found');
  });
  app.use(answerError);

  const server = await listen(app, options.port, options.host);
  return { ...server, snapshot: async () => temporalSnapshot(store) };
}

/** Temporal's authorizer: without the configured key, every call is `PERMISSION_DENIED`. */
function apiKeyCheck(apiKey: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      throw new TemporalApiError(
        GrpcCode.PERMISSION_DENIED,
        'Request unauthorized.',
        [
          {
            '@type':
              'type.googleapis.com/temporal.api.errordetails.v1.PermissionDeniedFailure',
          },
        ],
      );
    }
    next();
  };
}

/** `pageSize` (or `page_size`) as grpc-gateway parses an int32 query parameter. */
function readPageSize(query: URLSearchParams): number {
  const value = query.get('pageSize') ?? query.get('page_size');
  if (value === null) return 0;
  if (!/^-?\d+$/.test(value) || Math.abs(Number(value)) > 2147483647) {
    throw new TemporalApiError(
      GrpcCode.INVALID_ARGUMENT,
      `type mismatch, parameter: page_size, error: strconv.ParseInt: parsing ${JSON.stringify(
        value,
      )}: invalid syntax`,
    );
  }
  return Number(value);
}

/** `nextPageToken` (or `next_page_token`), a bytes field: base64 in the query. */
function readPageToken(query: URLSearchParams): Buffer | undefined {
  const value = query.get('nextPageToken') ?? query.get('next_page_token');
  if (!value) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new TemporalApiError(
      GrpcCode.INVALID_ARGUMENT,
      'type mismatch, parameter: next_page_token, error: illegal base64 data',
    );
  }
  return Buffer.from(value, 'base64');
}

/** Answers a failure as grpc-gateway does: the gRPC code's HTTP status and a Status body. */
function answerError(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  let apiError: TemporalApiError;
  if (error instanceof TemporalApiError) {
    apiError = error;
  } else if ((error as { type?: string })?.type === 'entity.parse.failed') {
    apiError = new TemporalApiError(
      GrpcCode.INVALID_ARGUMENT,
      'proto: syntax error: invalid JSON',
    );
  } else {
    apiError = new TemporalApiError(GrpcCode.INTERNAL, 'Internal error');
  }
  res.status(apiError.httpStatus).json(apiError);
}
