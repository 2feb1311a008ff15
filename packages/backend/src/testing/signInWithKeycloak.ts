// Test helper, runs from source only: its imports are the backend's devDependencies.
// eslint-disable-next-line @backstage/no-undeclared-imports
import {
  CookieJar,
  KeycloakBrowserLogin,
  openKeycloakLogin,
} from '@runtime-portal/runtime-sandbox';

/** What a browser ends with after signing in to a backend through the sandbox's Keycloak. */
export interface KeycloakSignIn {
  /** Where the backend's OIDC handler sent the browser back to. */
  returnedTo: string | null;
  /** The status of the session refresh that follows. */
  refreshStatus: number;
  /** The Backstage identity of the refresh: `token` and `identity` (user and ownership refs). */
  backstageIdentity: {
    token: string;
    identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  };
}

/**
 * Signs `username` in to the backend at `baseUrl` as a browser does: the OIDC redirect flow of
 * `auth.providers.oidc.production` through the sandbox Keycloak's login page, then a session refresh.
 * `beforeSignIn` gets the login page first (to try a wrong password, say).
 */
export async function signInWithKeycloak(options: {
  baseUrl: string;
  username: string;
  password: string;
  beforeSignIn?: (login: KeycloakBrowserLogin) => Promise<void>;
}): Promise<KeycloakSignIn> {
  const { baseUrl } = options;
  const browser = new CookieJar();
  const start = await fetch(
    `${baseUrl}/api/auth/oidc/start?${new URLSearchParams({
      env: 'production',
      flow: 'redirect',
      redirectUrl: `${baseUrl}/catalog`,
    })}`,
    { redirect: 'manual' },
  );
  browser.store(start);
  const login = await openKeycloakLogin(start.headers.get('location')!);
  await options.beforeSignIn?.(login);
  const callback = await login.followUntil(
    await login.submit(options.username, options.password),
    `${baseUrl}/api/auth/oidc/handler/frame`,
  );
  const handled = await fetch(callback, {
    redirect: 'manual',
    headers: { cookie: browser.header() },
  });
  browser.store(handled);
  const refresh = await fetch(
    `${baseUrl}/api/auth/oidc/refresh?env=production`,
    {
      headers: {
        cookie: browser.header(),
        'x-requested-with': 'XMLHttpRequest',
      },
    },
  );
  const body = refresh.ok ? await refresh.json() : {};
  return {
    returnedTo: handled.headers.get('location'),
    refreshStatus: refresh.status,
    backstageIdentity: body.backstageIdentity,
  };
}
