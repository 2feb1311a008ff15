import { NamespaceState, OpenBaoState } from './OpenBaoState';
import { TokenEntry } from './tokenStore';

/** A logical operation, derived from the HTTP method (and `?list=true`) as OpenBao does. */
export type Operation =
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'list'
  | 'patch';

/** What a route handler gets. */
export interface RouteContext {
  operation: Operation;
  /** Request path relative to the namespace, without `/v1/`; list paths end in `/`. */
  path: string;
  /** The route pattern's capture groups. */
  params: string[];
  body: Record<string, unknown>;
  query: URLSearchParams;
  namespace: NamespaceState;
  state: OpenBaoState;
  /** The calling token (undefined on unauthenticated paths). */
  token?: TokenEntry;
}

/** The `auth` block of a login answer. */
interface LogicalAuth {
  client_token: string;
  accessor: string;
  policies: string[];
  token_policies: string[];
  metadata: Record<string, string>;
  lease_duration: number;
  renewable: boolean;
  entity_id: string;
  token_type: string;
  orphan: boolean;
  mfa_requirement: null;
  num_uses: number;
}

/** A handler's answer; undefined means "nothing" (404 for reads and lists, 204 otherwise). */
export interface LogicalResponse {
  data?: Record<string, unknown> | null;
  auth?: LogicalAuth;
  warnings?: string[];
}

/** One path pattern of a mount and the operations it supports. */
export interface Route {
  pattern: RegExp;
  /** Paths anyone may call (logins). */
  unauthenticated?: boolean;
  /** OpenBao's existence check: a write to a missing entry is `create`, else `update`. */
  exists?(context: RouteContext): boolean;
  operations: Partial<
    Record<Operation, (context: RouteContext) => LogicalResponse | undefined>
  >;
}

/** The answer of a list operation. */
export function listResponse(keys: string[]): LogicalResponse {
  return { data: { keys } };
}
