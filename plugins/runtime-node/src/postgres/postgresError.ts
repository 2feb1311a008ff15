import { DatabaseError } from 'pg';
import {
  RuntimeUpstreamError,
  RuntimeUpstreamErrorReason,
  isRuntimeUpstreamError,
} from '../errors';

/** SQLSTATE codes (PostgreSQL's errcodes.txt) with a reason of their own. */
const REASON_BY_SQLSTATE: Record<string, RuntimeUpstreamErrorReason> = {
  '42P04': 'AlreadyExists', // duplicate_database
  '42710': 'AlreadyExists', // duplicate_object (a role)
  '3D000': 'NotFound', // invalid_catalog_name (no such database)
  '42704': 'NotFound', // undefined_object (no such role)
  '42501': 'Forbidden', // insufficient_privilege
  '28000': 'Unauthorized', // invalid_authorization_specification
  '28P01': 'Unauthorized', // invalid_password
  '55006': 'Conflict', // object_in_use (a database with open connections)
  '2BP01': 'Conflict', // dependent_objects_still_exist (a role that owns a database)
  '57014': 'Timeout', // query_canceled (statement_timeout)
  '55P03': 'Timeout', // lock_not_available (lock_timeout)
  '53300': 'Unavailable', // too_many_connections
  '57P01': 'Unavailable', // admin_shutdown
  '57P03': 'Unavailable', // cannot_connect_now (starting up or shutting down)
};

/** SQLSTATE classes (the first two characters) with a reason of their own. */
const REASON_BY_CLASS: Record<string, RuntimeUpstreamErrorReason> = {
  '08': 'Unavailable', // connection exception
  '22': 'Invalid', // data exception
  '42': 'Invalid', // syntax error or access rule violation
  '53': 'Unavailable', // insufficient resources
  '57': 'Unavailable', // operator intervention
};

/** Node's socket errors that mean the server cannot be reached. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * The {@link RuntimeUpstreamError} of the `postgres` upstream for whatever a call threw: a
 * PostgreSQL error keeps its SQLSTATE (`code`) and message; a connection that timed out, was
 * refused or closed has the matching reason. Never includes a password or a statement's text.
 */
export function toPostgresError(
  error: unknown,
  context: { environment: string; operation: string },
): RuntimeUpstreamError {
  if (isRuntimeUpstreamError(error)) return error;
  const base = { upstream: 'postgres' as const, ...context, cause: error };
  if (error instanceof DatabaseError && error.code) {
    return new RuntimeUpstreamError({
      ...base,
      reason:
        REASON_BY_SQLSTATE[error.code] ??
        REASON_BY_CLASS[error.code.slice(0, 2)] ??
        'Unknown',
      code: error.code,
      detail: `${error.message} (SQLSTATE ${error.code})`,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown } | undefined)?.code;
  if (typeof errno === 'string' && UNREACHABLE.has(errno)) {
    return new RuntimeUpstreamError({
      ...base,
      reason: 'Unavailable',
      detail: `cannot reach the server (${errno})`,
    });
  }
  if (/timeout/i.test(message)) {
    return new RuntimeUpstreamError({
      ...base,
      reason: 'Timeout',
      detail: message,
    });
  }
  if (/Connection terminated|connection .*closed/i.test(message)) {
    return new RuntimeUpstreamError({
      ...base,
      reason: 'Unavailable',
      detail: message,
    });
  }
  return new RuntimeUpstreamError({
    ...base,
    reason: 'Unknown',
    detail: message,
  });
}
