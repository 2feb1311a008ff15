import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

/**
 * Reasons for the gRPC status codes (google.rpc.Code) that Temporal's HTTP API puts in its error
 * body, which grpc-gateway sends with the matching HTTP status (6 → 409, 5 → 404, 16 → 401,
 * 7 → 403, 3 → 400, ...).
 */
const REASON_BY_GRPC_CODE: Record<number, RuntimeUpstreamErrorReason> = {
  1: 'Aborted', // CANCELLED
  3: 'Invalid', // INVALID_ARGUMENT
  4: 'Timeout', // DEADLINE_EXCEEDED
  5: 'NotFound', // NOT_FOUND
  6: 'AlreadyExists', // ALREADY_EXISTS
  7: 'Forbidden', // PERMISSION_DENIED
  8: 'Unavailable', // RESOURCE_EXHAUSTED
  9: 'Conflict', // FAILED_PRECONDITION
  10: 'Conflict', // ABORTED
  11: 'Invalid', // OUT_OF_RANGE
  14: 'Unavailable', // UNAVAILABLE
  16: 'Unauthorized', // UNAUTHENTICATED
};

/**
 * Reads the grpc-gateway error body `{code, message, details}` of Temporal's HTTP API: the reason from
 * the gRPC code (the HTTP status when there is no code), the detail from the message.
 *
 * @public
 */
export function parseTemporalError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  const { code, message } = (
    typeof body === 'object' && body !== null ? body : {}
  ) as {
    code?: unknown;
    message?: unknown;
  };
  const reason =
    typeof code === 'number' && REASON_BY_GRPC_CODE[code]
      ? REASON_BY_GRPC_CODE[code]
      : reasonForStatus(status);
  let detail: string | undefined;
  if (typeof message === 'string' && message) detail = message;
  else if (typeof body === 'string') detail = body.slice(0, 200);
  return { reason, detail };
}
