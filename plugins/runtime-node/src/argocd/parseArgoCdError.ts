import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

/** Reasons for the gRPC codes of Argo CD's API errors. */
const REASON_BY_GRPC_CODE: Record<number, RuntimeUpstreamErrorReason> = {
  1: 'Aborted',
  3: 'Invalid',
  4: 'Timeout',
  5: 'NotFound',
  6: 'AlreadyExists',
  7: 'Forbidden',
  9: 'Conflict',
  10: 'Conflict',
  14: 'Unavailable',
  16: 'Unauthorized',
};

/**
 * Reads Argo CD's grpc-gateway error body `{"error", "code", "message"}`: the reason from the gRPC
 * code (the HTTP status otherwise), the detail from the message.
 *
 * @public
 */
export function parseArgoCdError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  const { code, message, error } = (
    body && typeof body === 'object' ? body : {}
  ) as { code?: unknown; message?: unknown; error?: unknown };
  const reason =
    typeof code === 'number' && REASON_BY_GRPC_CODE[code]
      ? REASON_BY_GRPC_CODE[code]
      : reasonForStatus(status);
  let detail: string | undefined;
  if (typeof message === 'string' && message) detail = message;
  else if (typeof error === 'string' && error) detail = error;
  else if (typeof body === 'string') detail = body.trim().slice(0, 200);
  return { reason, detail: detail || undefined };
}
