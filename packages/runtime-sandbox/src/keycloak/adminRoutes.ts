import { NextFunction, Request, Response, Router } from 'express';
import type Provider from 'oidc-provider';
import { KeycloakRealm } from './KeycloakRealm';
import { groupRepresentation, userRepresentation } from './representations';

/** The version the sandbox reports in `/admin/serverinfo` (the seeded Runtime's Keycloak). */
const KEYCLOAK_VERSION = '26.0.7';

// Keycloak's default page size of the admin API's list endpoints.
const DEFAULT_MAX = 100;

/** A refused admin API call, answered with Keycloak's `{"error": ...}` body. */
class AdminApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The read side of Keycloak's admin REST API over a realm, as the catalog's Keycloak org module reads
 * it: `/admin/serverinfo`, and under `/admin/realms/<realm>`: `users` (`first`, `max`, `search`,
 * `username`, `email`, `exact`, `briefRepresentation`), `users/count`, `users/{id}`, `groups` (top-level,
 * `first`, `max`, `search`, `briefRepresentation`), `groups/count` (`top`), `groups/{id}`,
 * `groups/{id}/children` and `groups/{id}/members` (both paged). Every call needs a bearer token from the
 * realm's token endpoint of a service account with admin read access: none or an invalid one is 401, a
 * user's token or another service account's is 403.
 */
export function adminRoutes(
  realm: KeycloakRealm,
  provider: Provider,
  adminClientIds: string[],
): Router {
  const router = Router();

  router.use('/admin', async (req, _res, next) => {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new AdminApiError(401, 'HTTP 401 Unauthorized');
    const serviceAccount = await provider.ClientCredentials.find(token);
    if (serviceAccount && !serviceAccount.isExpired) {
      if (adminClientIds.includes(serviceAccount.clientId!)) {
        next();
        return;
      }
      throw new AdminApiError(403, 'unknown_error');
    }
    const userToken = await provider.AccessToken.find(token);
    if (userToken && !userToken.isExpired) {
      throw new AdminApiError(403, 'unknown_error');
    }
    throw new AdminApiError(401, 'HTTP 401 Unauthorized');
  });

  router.get('/admin/serverinfo', (_req, res) => {
    res.json({
      systemInfo: {
        version: KEYCLOAK_VERSION,
        serverTime: new Date().toString(),
      },
    });
  });

  const base = `/admin/realms/:realm`;
  router.use(base, (req, _res, next) => {
    if (req.params.realm !== realm.name) {
      throw new AdminApiError(404, 'Realm not found.');
    }
    next();
  });

  router.get(`${base}/users/count`, (req, res) => {
    res.json(filterUsers(realm, req).length);
  });
  router.get(`${base}/users`, (req, res) => {
    const brief = flag(req, 'briefRepresentation');
    res.json(
      page(filterUsers(realm, req), req).map(u => userRepresentation(u, brief)),
    );
  });
  router.get(`${base}/users/:id`, (req, res) => {
    const user = realm.user(String(req.params.id));
    if (!user) throw new AdminApiError(404, 'User not found');
    res.json(userRepresentation(user, false));
  });

  router.get(`${base}/groups/count`, (req, res) => {
    const groups = flag(req, 'top') ? realm.children(undefined) : realm.groups;
    res.json({ count: search(groups, req).length });
  });
  router.get(`${base}/groups`, (req, res) => {
    const brief = flag(req, 'briefRepresentation', true);
    res.json(
      page(search(realm.children(undefined), req), req).map(g =>
        groupRepresentation(realm, g, brief),
      ),
    );
  });
  router.get(`${base}/groups/:id`, (req, res) => {
    res.json(groupRepresentation(realm, requireGroup(realm, req), false));
  });
  router.get(`${base}/groups/:id/children`, (req, res) => {
    const group = requireGroup(realm, req);
    const brief = flag(req, 'briefRepresentation', true);
    res.json(
      page(search(realm.children(group.id), req), req).map(g =>
        groupRepresentation(realm, g, brief),
      ),
    );
  });
  router.get(`${base}/groups/:id/members`, (req, res) => {
    const group = requireGroup(realm, req);
    const brief = flag(req, 'briefRepresentation');
    res.json(
      page(realm.members(group.id), req).map(u => userRepresentation(u, brief)),
    );
  });

  router.use(
    '/admin',
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (!(error instanceof AdminApiError)) {
        next(error);
        return;
      }
      res.status(error.status).json({ error: error.message });
    },
  );
  return router;
}

function requireGroup(realm: KeycloakRealm, req: Request) {
  const group = realm.group(String(req.params.id));
  if (!group) throw new AdminApiError(404, 'Could not find group by id');
  return group;
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function flag(req: Request, name: string, fallback = false): boolean {
  const value = query(req, name);
  return value === undefined ? fallback : value === 'true';
}

function integer(req: Request, name: string, fallback: number): number {
  const value = query(req, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) {
    throw new AdminApiError(400, `Invalid value for query parameter ${name}`);
  }
  return parsed;
}

/** `first` and `max` as Keycloak reads them: a negative `first` is 0, a negative `max` the default. */
function page<T>(items: T[], req: Request): T[] {
  const first = Math.max(0, integer(req, 'first', 0));
  const max = integer(req, 'max', DEFAULT_MAX);
  return items.slice(first, first + (max < 0 ? DEFAULT_MAX : max));
}

function search<T extends { name: string }>(items: T[], req: Request): T[] {
  const term = query(req, 'search')?.toLowerCase();
  if (!term) return items;
  const exact = flag(req, 'exact');
  return items.filter(item =>
    exact
      ? item.name.toLowerCase() === term
      : item.name.toLowerCase().includes(term),
  );
}

function filterUsers(realm: KeycloakRealm, req: Request) {
  const exact = flag(req, 'exact');
  const matches = (value: string, wanted: string | undefined) =>
    wanted === undefined ||
    (exact
      ? value.toLowerCase() === wanted.toLowerCase()
      : value.toLowerCase().includes(wanted.toLowerCase()));
  const term = query(req, 'search');
  return realm.users.filter(
    user =>
      matches(user.username, query(req, 'username')) &&
      matches(user.email, query(req, 'email')) &&
      (term === undefined ||
        [user.username, user.email, user.firstName, user.lastName].some(v =>
          v.toLowerCase().includes(term.toLowerCase()),
        )),
  );
}
