import { RuntimeUpstreamErrorReason, reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

const REASON_BY_CODE: Record<string, RuntimeUpstreamErrorReason> = {
  UNAUTHORIZED: 'Unauthorized',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'NotFound',
  CONFLICT: 'Conflict',
  BAD_REQUEST: 'Invalid',
  UNPROCESSABLE_ENTITY: 'Invalid',
  PRECONDITION: 'Conflict',
};

/**
 * Reads Harbor's error body `{"errors": [{"code", "message"}]}`: the reason from the first error's
 * code (the HTTP status otherwise), the detail from its message.
 *
 * @public
 */
export function parseHarborError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  const first = (
    body as
      | { errors?: Array<{ code?: unknown; message?: unknown }> }
      | undefined
  )?.errors?.[0];
  const code = typeof first?.code === 'string' ? first.code : undefined;
  let detail: string | undefined;
  if (typeof first?.message === 'string') detail = first.message;
  else if (typeof body === 'string') detail = body.trim().slice(0, 200);
  return {
    reason: (code && REASON_BY_CODE[code]) || reasonForStatus(status),
    detail: detail || undefined,
  };
}
