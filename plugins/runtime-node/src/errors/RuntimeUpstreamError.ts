/**
 * The upstreams of the Runtime that the suite talks to.
 *
 * @public
 */
export type RuntimeUpstream =
  | 'kubernetes'
  | 'openbao'
  | 'objectStorage'
  | 'temporal'
  | 'prometheus'
  | 'alertmanager'
  | 'loki'
  | 'tempo'
  | 'grafana'
  | 'argocd'
  | 'gitlab'
  | 'harbor'
  | 'postgres';

/**
 * Why a call to an upstream failed, in words shared by every upstream.
 *
 * @public
 */
export type RuntimeUpstreamErrorReason =
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Expired'
  | 'Timeout'
  | 'Aborted'
  | 'Unavailable'
  /** The answer's body was cut off (connection reset or closed mid-body). */
  | 'Truncated'
  /** The answer's body exceeded the configured `maxResponseBytes`. */
  | 'TooLarge'
  /** The answer's body was not the JSON document expected. */
  | 'Malformed'
  | 'Unknown';

/**
 * What a {@link RuntimeUpstreamError} is made from.
 *
 * @public
 */
export interface RuntimeUpstreamErrorOptions {
  /** Which upstream answered (or failed to). */
  upstream: RuntimeUpstream;
  /** The configured runtime environment the upstream belongs to. */
  environment: string;
  /** What the client was doing, e.g. `create Model team-a/llama`. */
  operation: string;
  /** The reason, normalised across upstreams. */
  reason: RuntimeUpstreamErrorReason;
  /** The HTTP status, when the upstream answered. */
  status?: number;
  /** The upstream's own message (never a secret value). */
  detail?: string;
  /** The upstream's own error code when it has one beside HTTP, e.g. PostgreSQL's SQLSTATE `42P04`. */
  code?: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/**
 * A failed call to a Runtime upstream. The message names the upstream, the environment, the operation
 * and the reason; it never carries request bodies or credentials.
 *
 * @public
 */
export class RuntimeUpstreamError extends Error {
  readonly upstream: RuntimeUpstream;
  readonly environment: string;
  readonly operation: string;
  readonly reason: RuntimeUpstreamErrorReason;
  readonly status?: number;
  readonly detail?: string;
  /** The upstream's own error code, e.g. PostgreSQL's SQLSTATE (`42P04` duplicate_database). */
  readonly code?: string;

  constructor(options: RuntimeUpstreamErrorOptions) {
    const status = options.status ? ` (HTTP ${options.status})` : '';
    const detail = options.detail ? `: ${options.detail}` : '';
    super(
      `${options.upstream} [${options.environment}] ${options.operation} failed, ${options.reason}${status}${detail}`,
      { cause: options.cause },
    );
    this.name = 'RuntimeUpstreamError';
    this.upstream = options.upstream;
    this.environment = options.environment;
    this.operation = options.operation;
    this.reason = options.reason;
    this.status = options.status;
    this.detail = options.detail;
    this.code = options.code;
  }
}

/**
 * True when the error is a {@link RuntimeUpstreamError}, optionally with one of the given reasons.
 *
 * @public
 */
export function isRuntimeUpstreamError(
  error: unknown,
  ...reasons: RuntimeUpstreamErrorReason[]
): error is RuntimeUpstreamError {
  return (
    error instanceof RuntimeUpstreamError &&
    (reasons.length === 0 || reasons.includes(error.reason))
  );
}

/**
 * The reason an HTTP status stands for when the upstream's body says nothing more precise.
 *
 * @public
 */
export function reasonForStatus(status: number): RuntimeUpstreamErrorReason {
  switch (status) {
    case 400:
    case 422:
      return 'Invalid';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 408:
    case 504:
      return 'Timeout';
    case 429:
    case 502:
    case 503:
      return 'Unavailable';
    default:
      return 'Unknown';
  }
}
