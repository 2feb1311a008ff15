import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

/** Reasons for Prometheus's `errorType`s (web/api/v1). */
const REASON_BY_ERROR_TYPE: Record<string, RuntimeUpstreamErrorReason> = {
  bad_data: 'Invalid',
  execution: 'Invalid',
  timeout: 'Timeout',
  canceled: 'Aborted',
  unavailable: 'Unavailable',
  not_found: 'NotFound',
  internal: 'Unavailable',
};

/**
 * Reads Prometheus's error body `{"status":"error","errorType":...,"error":...}`: the reason from the
 * error type (the HTTP status when there is none), the detail from the message.
 *
 * @public
 */
export function parsePrometheusError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  const { errorType, error } = (
    typeof body === 'object' && body !== null ? body : {}
  ) as { errorType?: unknown; error?: unknown };
  const reason =
    typeof errorType === 'string' && REASON_BY_ERROR_TYPE[errorType]
      ? REASON_BY_ERROR_TYPE[errorType]
      : reasonForStatus(status);
  let detail: string | undefined;
  if (typeof error === 'string' && error) detail = error;
  else if (typeof body === 'string') detail = body.trim().slice(0, 200);
  return { reason, detail };
}
