import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

const MAX_DETAIL_LENGTH = 300;

/**
 * Reads OpenBao's `{"errors": [...]}` body: 403 is `Forbidden` (OpenBao answers a wrong or expired
 * token with 403 "permission denied"), 404 `NotFound`, a 400 about (metadata) check-and-set `Conflict`, 429 and
 * 5xx `Unavailable`. go-multierror wrapping (`1 error occurred:\n\t* ...`) is unwrapped.
 */
export function parseOpenBaoError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  const messages = errorMessages(body);
  const detail = messages.join('; ').slice(0, MAX_DETAIL_LENGTH) || undefined;
  return { reason: reasonFor(status, detail ?? ''), detail };
}

function reasonFor(status: number, detail: string): RuntimeUpstreamErrorReason {
  if (status === 400 && /check-and-set|metadata_cas/i.test(detail)) {
    return 'Conflict';
  }
  if (status === 429 || status >= 500) return 'Unavailable';
  return reasonForStatus(status);
}

function errorMessages(body: unknown): string[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap(error => unwrapMultiError(String(error)));
}

/** `1 error occurred:\n\t* permission denied\n\n` becomes `permission denied`. */
function unwrapMultiError(message: string): string[] {
  const match = /^\d+ errors? occurred:\n([\s\S]*)$/.exec(message);
  if (!match) return [message.trim()];
  return match[1]
    .split('\n')
    .map(line => line.replace(/^\t\* /, '').trim())
    .filter(line => line.length > 0);
}
