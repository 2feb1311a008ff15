import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { allows, capabilitiesOn } from './aclPolicy';
import {
  ACL_PERMISSION_DENIED,
  OpenBaoApiError,
  PERMISSION_DENIED,
} from './apiError';
import { authRoutes } from './authRoutes';
import { kvRoutes } from './kvRoutes';
import { NamespaceState, OpenBaoState } from './OpenBaoState';
import { LogicalResponse, Operation, Route, RouteContext } from './route';
import { sysRoutes } from './sysRoutes';
import { TokenEntry } from './tokenStore';

const ROUTES: Route[] = [...sysRoutes, ...authRoutes, ...kvRoutes];

/** Path prefixes that have a backend mounted; others answer "no handler for route". */
const MOUNTS = [
  'sys/',
  'auth/token/',
  'auth/kubernetes/',
  'secret/',
  'cubbyhole/',
  'identity/',
];

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The HTTP handler of the sandbox OpenBao: `/v1/...` requests resolved to a namespace, an operation,
 * a token check, an ACL check and a route, answered in OpenBao's JSON shapes.
 */
export function createOpenBaoHandler(
  state: OpenBaoState,
): http.RequestListener {
  return (req, res) => {
    handle(state, req, res).catch(error => {
      if (error instanceof OpenBaoApiError) {
        sendJson(res, error.status, { errors: error.errors });
      } else {
        sendJson(res, 500, {
          errors: ['1 error occurred:\n\t* internal error\n\n'],
        });
      }
    });
  };
}

async function handle(
  state: OpenBaoState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://openbao.local');
  if (!url.pathname.startsWith('/v1/')) throw new OpenBaoApiError(404, []);
  let rawPath: string;
  try {
    rawPath = decodeURIComponent(url.pathname.slice('/v1/'.length));
  } catch {
    throw new OpenBaoApiError(400, ['invalid URL escape in request path']);
  }
  const method = (req.method ?? 'GET').toUpperCase();

  const namespaceHeader = header(req, 'x-vault-namespace');
  if (namespaceHeader) res.setHeader('X-Vault-Namespace', namespaceHeader);

  if (rawPath === 'sys/health' && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, health(state), method === 'HEAD');
    return;
  }

  let operation = operationOf(method, url.searchParams);
  const body = await readBody(req);
  const listing = operation === 'list';
  const resolved = state.resolve(namespaceHeader ?? '', rawPath);
  if (!resolved) throw new OpenBaoApiError(404, ['namespace not found']);
  const { namespace } = resolved;
  const path =
    listing && !resolved.path.endsWith('/')
      ? `${resolved.path}/`
      : resolved.path;

  const match = findRoute(path);
  const context: RouteContext = {
    operation,
    path,
    params: match?.params ?? [],
    body,
    query: url.searchParams,
    namespace,
    state,
  };
  if (
    match &&
    (operation === 'update' || operation === 'create') &&
    match.route.exists
  ) {
    operation = match.route.exists(context) ? 'update' : 'create';
    context.operation = operation;
  }

  if (!match?.route.unauthenticated) {
    context.token = authorize(state, namespace, path, operation, tokenOf(req));
  }
  if (!MOUNTS.some(mount => path.startsWith(mount) || `${path}/` === mount)) {
    throw new OpenBaoApiError(404, [
      `no handler for route "${rawPath}". route entry not found.`,
    ]);
  }
  if (!match)
    throw new OpenBaoApiError(404, [
      '1 error occurred:\n\t* unsupported path\n\n',
    ]);
  const run = match.route.operations[operation];
  if (!run)
    throw new OpenBaoApiError(405, [
      '1 error occurred:\n\t* unsupported operation\n\n',
    ]);

  respond(res, operation, run(context));
}

/** Checks the token and its ACL for the operation; throws 403 as OpenBao words it. */
function authorize(
  state: OpenBaoState,
  namespace: NamespaceState,
  path: string,
  operation: Operation,
  tokenId: string | undefined,
): TokenEntry {
  const token = state.tokens.lookup(tokenId);
  if (!token || !namespace.path.startsWith(token.namespace)) {
    throw new OpenBaoApiError(403, [PERMISSION_DENIED]);
  }
  if (token.policies.includes('root')) return token;
  const policyNamespace = state.namespace(token.namespace);
  const rules = policyNamespace?.policies.rulesOf(token.policies) ?? [];
  const aclPath = namespace.path.slice(token.namespace.length) + path;
  if (!allows(capabilitiesOn(rules, aclPath), operation)) {
    throw new OpenBaoApiError(403, [ACL_PERMISSION_DENIED]);
  }
  return token;
}

function findRoute(
  path: string,
): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1) };
  }
  return undefined;
}

function operationOf(method: string, query: URLSearchParams): Operation {
  switch (method) {
    case 'GET': {
      const list = query.get('list');
      if (list !== null && list !== '') {
        const parsed = parseBool(list);
        if (parsed === undefined) throw new OpenBaoApiError(400, []);
        if (parsed) return 'list';
      }
      return 'read';
    }
    case 'LIST':
      return 'list';
    case 'POST':
    case 'PUT':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'PATCH':
      return 'patch';
    default:
      throw new OpenBaoApiError(405, []);
  }
}

function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function respond(
  res: http.ServerResponse,
  operation: Operation,
  response: LogicalResponse | undefined,
): void {
  const emptyList =
    operation === 'list' &&
    Array.isArray(response?.data?.keys) &&
    (response!.data!.keys as unknown[]).length === 0;
  if (
    (operation === 'read' || operation === 'list') &&
    (!response || emptyList)
  ) {
    sendJson(res, 404, { errors: [] });
    return;
  }
  if (!response) {
    res.statusCode = 204;
    res.setHeader('Cache-Control', 'no-store');
    res.end();
    return;
  }
  sendJson(res, 200, {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: response.data ?? null,
    wrap_info: null,
    warnings: response.warnings ?? null,
    auth: response.auth ?? null,
  });
}

function health(state: OpenBaoState) {
  return {
    initialized: true,
    sealed: false,
    standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(Date.now() / 1000),
    version: state.version,
    cluster_name: 'openbao-cluster-sandbox',
    cluster_id: '00000000-0000-4000-8000-000000000000',
  };
}

function tokenOf(req: http.IncomingMessage): string | undefined {
  const token = header(req, 'x-vault-token');
  if (token) return token;
  const authorization = header(req, 'authorization');
  return authorization?.toLowerCase().startsWith('bearer ')
    ? authorization.slice('bearer '.length).trim()
    : undefined;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(
  req: http.IncomingMessage,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new OpenBaoApiError(413, ['http: request body too large']);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OpenBaoApiError(400, [
      `failed to parse JSON input: ${(error as Error).message}`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OpenBaoApiError(400, [
      'failed to parse JSON input: json: cannot unmarshal into Go value of type map[string]interface {}',
    ]);
  }
  return parsed as Record<string, unknown>;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headOnly = false,
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(headOnly ? undefined : `${JSON.stringify(body)}\n`);
}
