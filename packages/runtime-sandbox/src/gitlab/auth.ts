import { NextFunction, Request, Response } from 'express';
import { GitLabApiError } from './apiError';
import { GitLabUser } from './GitLabState';

/** The user a request authenticated as (set by {@link requireToken}). */
export function currentUser(res: Response): GitLabUser {
  return res.locals.gitlabUser as GitLabUser;
}

/**
 * GitLab's API authentication: a personal access token in the `PRIVATE-TOKEN` header, as
 * `Authorization: Bearer`, or as the `private_token`/`access_token` query parameter. A missing or
 * wrong token is `401 {"message":"401 Unauthorized"}`.
 */
export function requireToken(token: string, owner: () => GitLabUser) {
  return (req: Request, res: Response, next: NextFunction) => {
    const query = new URL(req.originalUrl, 'http://gitlab').searchParams;
    const authorization = req.get('authorization') ?? '';
    const presented =
      req.get('private-token') ||
      (/^bearer /i.test(authorization)
        ? authorization.slice('bearer '.length).trim()
        : undefined) ||
      query.get('private_token') ||
      query.get('access_token') ||
      undefined;
    if (presented !== token) throw GitLabApiError.unauthorized();
    res.locals.gitlabUser = owner();
    next();
  };
}

/**
 * The password of HTTP basic auth when it is the token (git over HTTP takes a personal access token
 * as the password with any user name, `oauth2` included), or undefined.
 */
export function basicAuthToken(req: Request): string | undefined {
  const authorization = req.get('authorization') ?? '';
  if (!/^basic /i.test(authorization)) return undefined;
  const decoded = Buffer.from(
    authorization.slice('basic '.length).trim(),
    'base64',
  ).toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
