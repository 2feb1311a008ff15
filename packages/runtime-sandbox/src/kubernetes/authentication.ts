import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries `Authorization: Bearer <token>` with the server's one token. */
export function hasBearerToken(
  req: http.IncomingMessage,
  token: string,
): boolean {
  const authorization = req.headers.authorization ?? '';
  const given = authorization.startsWith('Bearer ')
    ? authorization.slice(7).trim()
    : '';
  return given !== '' && sameToken(given, token);
}
