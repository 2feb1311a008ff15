import { HttpServiceAccess } from '../config';

/**
 * The headers that authenticate to an HTTP upstream: the configured extra headers, then
 * `Authorization: Bearer <token>` or basic auth from username and password.
 *
 * @public
 */
export function httpServiceHeaders(
  access: HttpServiceAccess,
): Record<string, string> {
  const headers: Record<string, string> = { ...access.headers };
  if (access.token) {
    headers.authorization = `Bearer ${access.token}`;
  } else if (access.username !== undefined && access.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(
      `${access.username}:${access.password}`,
    ).toString('base64')}`;
  }
  return headers;
}

/**
 * Reads an error body that is a plain text or a JSON string (Alertmanager, Loki, Tempo) or an
 * object with `message` or `error` (Grafana, go-swagger): its first 200 characters as the detail.
 *
 * @public
 */
export function parseTextError(
  _status: number,
  body: unknown,
): { detail?: string } {
  let detail: string | undefined;
  if (typeof body === 'string') detail = body;
  else if (body && typeof body === 'object') {
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message === 'string') detail = message;
    else if (typeof error === 'string') detail = error;
  }
  detail = detail?.trim().slice(0, 200);
  return { detail: detail || undefined };
}
