import { reasonForStatus } from '../errors';
import { ParsedUpstreamError } from '../http';

/**
 * Reads GitLab's error bodies: `{"message": "404 Project Not Found"}`, validation errors
 * `{"message": {"path": ["has already been taken"]}}` (reason `AlreadyExists` for a taken name or
 * path) and `{"error": "ref is missing"}`.
 *
 * @public
 */
export function parseGitLabError(
  status: number,
  body: unknown,
): ParsedUpstreamError {
  let detail: string | undefined;
  if (typeof body === 'string') {
    detail = body.trim().slice(0, 200);
  } else if (body && typeof body === 'object') {
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message === 'string') detail = message;
    else if (message && typeof message === 'object') {
      detail = Object.entries(message as Record<string, unknown>)
        .map(
          ([field, problems]) =>
            `${field} ${
              Array.isArray(problems) ? problems.join(', ') : String(problems)
            }`,
        )
        .join('; ');
    } else if (typeof error === 'string') detail = error;
  }
  const reason =
    (status === 400 || status === 409) &&
    detail?.includes('has already been taken')
      ? 'AlreadyExists'
      : reasonForStatus(status);
  return { reason, detail: detail || undefined };
}
