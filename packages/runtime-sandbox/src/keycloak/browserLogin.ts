/** A browser's cookies, by name (enough for the sandbox's few hosts; paths and expiry are not kept). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Keeps the cookies a response sets (and drops the ones it clears). */
  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
  }

  /** The `cookie` request header. */
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

/** A login through the sandbox Keycloak's login page, driven as a browser would (for tests). */
export interface KeycloakBrowserLogin {
  /** The login page's URL. */
  loginUrl: URL;
  /** Submits the login form; a refused login answers 200 with the form again. */
  submit(username: string, password: string): Promise<Response>;
  /** Follows the redirects of a successful login until one leaves for a URL starting with `until`. */
  followUntil(response: Response, until: string): Promise<URL>;
}

/**
 * Opens an authorization URL of the sandbox's Keycloak with the given jar (a test's browser), expects
 * the login page and returns how to fill it in.
 */
export async function openKeycloakLogin(
  authorizationUrl: string,
  jar: CookieJar = new CookieJar(),
): Promise<KeycloakBrowserLogin> {
  const authorize = await fetch(authorizationUrl, { redirect: 'manual' });
  jar.store(authorize);
  const location = authorize.headers.get('location');
  if (authorize.status !== 303 || !location) {
    throw new Error(
      `Keycloak answered ${
        authorize.status
      } to the authorization request, not the login page: ${await authorize.text()}`,
    );
  }
  const loginUrl = new URL(location, authorizationUrl);
  return {
    loginUrl,
    async submit(username, password) {
      const answer = await fetch(loginUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: jar.header(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ username, password }),
      });
      jar.store(answer);
      return answer;
    },
    async followUntil(response, until) {
      let target = response.headers.get('location');
      let base = loginUrl;
      for (let hop = 0; target && hop < 10; hop++) {
        const next = new URL(target, base);
        if (next.href.startsWith(until)) return next;
        const answer = await fetch(next, {
          redirect: 'manual',
          headers: { cookie: jar.header() },
        });
        jar.store(answer);
        base = next;
        target = answer.headers.get('location');
      }
      throw new Error(`The login did not lead to ${until}`);
    },
  };
}
