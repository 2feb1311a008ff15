import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

/** Kubernetes `Status` reasons (metav1.StatusReason) in the suite's words. */
const REASONS: Record<string, RuntimeUpstreamErrorReason> = {
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  NotFound: 'NotFound',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  Invalid: 'Invalid',
  BadRequest: 'Invalid',
  UnsupportedMediaType: 'Invalid',
  RequestEntityTooLarge: 'Invalid',
  MethodNotAllowed: 'Invalid',
  Expired: 'Expired',
  Gone: 'Expired',
  Timeout: 'Timeout',
  ServerTimeout: 'Timeout',
  TooManyRequests: 'Unavailable',
  ServiceUnavailable: 'Unavailable',
  InternalError: 'Unknown',
};

/**
 * Reads a Kubernetes error answer: a `Status` object's `reason` gives the reason and its
 * `message` the detail; anything else falls back to the HTTP status.
 *
 * @public
 */
export function parseKubernetesStatus(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as { kind?: unknown }).kind !== 'Status'
  ) {
    return { reason: reasonForStatus(status) };
  }
  const { reason, message } = body as { reason?: string; message?: string };
  return {
    reason: (reason && REASONS[reason]) || reasonForStatus(status),
    detail: message,
  };
}
