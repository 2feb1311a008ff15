import { NextFunction, Request, Response } from 'express';
import { ArgoCdSession } from './ArgoCdRbac';
import { ArgoCdApiError } from './argoCdError';
import { ArgoCdAccessSettings } from './argoCdSettings';

/** What the sandbox's Argo CD knows its tokens by. */
export interface SessionTokens {
  /** The token every client uses (the portal's, unless `adminToken` is given). */
  token: string;
  /** The administrator's token, when the server tells the portal and the administrator apart. */
  adminToken?: string;
}

/**
 * The accounts of the sandbox's tokens, each issued when the server starts: without `adminToken`,
 * `token` is the built-in `admin` (a server started alone); with it, `token` is the portal's
 * account, the one account `deploy/argocd/argocd-cm.yaml` gives the `apiKey` capability, and
 * `adminToken` (when it differs) is `admin`.
 */
export function sessionsByToken(
  tokens: SessionTokens,
  settings: Pick<ArgoCdAccessSettings, 'apiKeyAccounts'>,
): Map<string, ArgoCdSession> {
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const sessions = new Map<string, ArgoCdSession>();
  if (tokens.adminToken === undefined) {
    sessions.set(tokens.token, { username: 'admin', issuedAt });
    return sessions;
  }
  const [account, ...others] = settings.apiKeyAccounts;
  if (!account || others.length > 0) {
    throw new Error(
      `deploy/argocd/argocd-cm.yaml must give exactly one account (the portal's) the apiKey capability, not [${settings.apiKeyAccounts.join(
        ', ',
      )}]`,
    );
  }
  sessions.set(tokens.adminToken, { username: 'admin', issuedAt });
  sessions.set(tokens.token, { username: account, issuedAt });
  return sessions;
}

/**
 * Argo CD's session check: the bearer token or the `argocd.token` cookie must be one of `sessions`
 * (else code 16 `no session information`); the handlers find it with {@link sessionOf}.
 */
export function requireSession(sessions: Map<string, ArgoCdSession>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization') ?? '';
    const bearer = /^bearer /i.test(authorization)
      ? authorization.slice('bearer '.length).trim()
      : undefined;
    const cookie = /(?:^|;\s*)argocd\.token=([^;]+)/.exec(
      req.get('cookie') ?? '',
    )?.[1];
    const session = sessions.get(bearer || cookie || '');
    if (!session) throw ArgoCdApiError.noSession();
    res.locals.argocdSession = session;
    next();
  };
}

/** The session {@link requireSession} found for the request. */
export function sessionOf(res: Response): ArgoCdSession {
  return res.locals.argocdSession as ArgoCdSession;
}
