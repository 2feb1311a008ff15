import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { UserInfo } from './rbac';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The user whose token the request carries as `Authorization: Bearer <token>`, among the tokens the
 * server knows (token to user); undefined for a missing or unknown token.
 */
export function authenticate(
  req: http.IncomingMessage,
  users: ReadonlyMap<string, UserInfo>,
): UserInfo | undefined {
  const authorization = req.headers.authorization ?? '';
  const given = authorization.startsWith('Bearer ')
    ? authorization.slice(7).trim()
    : '';
  if (given === '') return undefined;
  for (const [token, user] of users) {
    if (sameToken(given, token)) return user;
  }
  return undefined;
}
