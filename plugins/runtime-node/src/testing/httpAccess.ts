import { HttpServiceAccess } from '../config';

/**
 * The {@link HttpServiceAccess} a test's client gets for `url`: no extra headers and a 2 s timeout,
 * unless `overrides` says otherwise.
 */
export function httpAccess(
  url: string,
  overrides: Partial<HttpServiceAccess> = {},
): HttpServiceAccess {
  return { url, headers: {}, timeoutMs: 2000, ...overrides };
}
