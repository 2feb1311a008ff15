import crypto from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startKeycloakServer } from './startKeycloakServer';
import { openKeycloakLogin } from './browserLogin';

const REDIRECT_URI = 'http://localhost:7007/api/auth/oidc/handler/frame';
const { keycloakClientId: clientId, keycloakClientSecret: clientSecret } =
  DEFAULT_SANDBOX_CREDENTIALS;
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('the sandbox Keycloak', () => {
  let server: RunningServer;
  let issuer: string;
  let discovery: Record<string, any>;
  const seed = loadSeed();

  beforeAll(async () => {
    server = await startKeycloakServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      redirectUris: [REDIRECT_URI],
    });
    issuer = `${server.url}/realms/runtime`;
    discovery = await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json();
  });
  afterAll(() => server.close());

  /** Opens the login page of an authorization request of the `backstage` client. */
  async function startLogin(params: Record<string, string>) {
    const login = await openKeycloakLogin(
      `${discovery.authorization_endpoint}?${new URLSearchParams({
        client_id: clientId,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile email',
        state: 'state-1',
        nonce: 'nonce-1',
        ...params,
      })}`,
    );
    expect(login.loginUrl.pathname).toMatch(
      /^\/realms\/runtime\/login-actions\/authenticate\/[\w-]+$/,
    );
    const form = await fetch(login.loginUrl);
    expect(form.status).toBe(400); // without the interaction cookie: no form
    return {
      submit: login.submit,
      followToClient: (response: Response) =>
        login.followUntil(response, REDIRECT_URI),
    };
  }

  async function exchangeCode(code: string, codeVerifier: string) {
    return fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: basic(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: codeVerifier,
      }),
    });
  }

  function pkce() {
    const verifier = crypto.randomBytes(32).toString('base64url');
    const challenge = crypto
      .createHash('sha256')
      .update(verifier)
      .digest('base64url');
    return { verifier, challenge };
  }

  it("publishes its discovery document at Keycloak's URL layout", () => {
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
      end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
    });
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'client_credentials',
      ]),
    );
  });

  it('signs a user in with the authorization code flow and PKCE: an ID token the JWKS verifies', async () => {
    const { verifier, challenge } = pkce();
    const login = await startLogin({
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const back = await login.followToClient(
      await login.submit('maya', 'sandbox-maya'),
    );
    expect(back.searchParams.get('state')).toBe('state-1');
    const code = back.searchParams.get('code')!;

    const tokenResponse = await exchangeCode(code, verifier);
    expect(tokenResponse.status).toBe(200);
    const tokens = await tokenResponse.json();
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const { payload, protectedHeader } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      { issuer, audience: clientId },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      nonce: 'nonce-1',
      preferred_username: 'maya',
      email: 'maya@runtime.example',
      email_verified: true,
      name: 'Maya Okafor',
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await userinfo.json()).toMatchObject({
      sub: payload.sub,
      preferred_username: 'maya',
      email: 'maya@runtime.example',
    });

    // The code was used once: a second exchange is refused.
    expect((await exchangeCode(code, verifier)).status).toBe(400);
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const { challenge } = pkce();
    const login = await startLogin({
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const back = await login.followToClient(
      await login.submit('sofia', 'sandbox-sofia'),
    );
    const response = await exchangeCode(
      back.searchParams.get('code')!,
      pkce().verifier,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("refuses a wrong password and another user's password, and issues no code", async () => {
    const login = await startLogin({});
    for (const [username, password] of [
      ['maya', 'wrong'],
      ['maya', 'sandbox-sofia'],
      ['nobody', 'sandbox-maya'],
    ]) {
      const answer = await login.submit(username, password);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('location')).toBeNull();
      expect(await answer.text()).toContain('Invalid username or password.');
    }
  });

  it('refuses a redirect URI the client does not have', async () => {
    const response = await fetch(
      `${discovery.authorization_endpoint}?${new URLSearchParams({
        client_id: clientId,
        response_type: 'code',
        redirect_uri: 'http://attacker.example/callback',
        scope: 'openid',
      })}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
  });

  describe('admin API', () => {
    async function adminToken(id = clientId, secret = clientSecret) {
      const response = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          authorization: basic(id, secret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: id,
        }),
      });
      return { status: response.status, body: await response.json() };
    }
    const admin = async (path: string, token?: string) =>
      fetch(`${server.url}/admin${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    it('lists users and their one team group, paged with first and max', async () => {
      const { body } = await adminToken();
      const token = body.access_token;
      const count = await (
        await admin('/realms/runtime/users/count', token)
      ).json();
      expect(count).toBe(4);

      const firstPage = await (
        await admin('/realms/runtime/users?first=0&max=3', token)
      ).json();
      const secondPage = await (
        await admin('/realms/runtime/users?first=3&max=3', token)
      ).json();
      expect(firstPage.map((u: any) => u.username)).toEqual([
        'arjun',
        'maya',
        'paula',
      ]);
      expect(secondPage.map((u: any) => u.username)).toEqual(['sofia']);
      expect(secondPage[0]).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: 'sofia',
        firstName: 'Sofia',
        lastName: 'Lind',
        email: 'sofia@runtime.example',
        emailVerified: true,
        enabled: true,
      });

      const groupCount = await (
        await admin('/realms/runtime/groups/count', token)
      ).json();
      expect(groupCount).toEqual({ count: 4 });
      const groups = await (
        await admin('/realms/runtime/groups?first=1&max=2', token)
      ).json();
      expect(groups.map((g: any) => [g.name, g.path, g.subGroupCount])).toEqual(
        [
          ['media-team', '/media-team', 0],
          ['platform-team', '/platform-team', 0],
        ],
      );

      const media = groups[0];
      const members = await (
        await admin(
          `/realms/runtime/groups/${media.id}/members?first=0&max=10`,
          token,
        )
      ).json();
      expect(members.map((u: any) => u.username)).toEqual(['maya']);
      expect(
        await (
          await admin(
            `/realms/runtime/groups/${media.id}/members?first=1&max=10`,
            token,
          )
        ).json(),
      ).toEqual([]);
      expect(
        await (
          await admin(`/realms/runtime/groups/${media.id}/children`, token)
        ).json(),
      ).toEqual([]);
      expect(
        await (await admin(`/realms/runtime/groups/${media.id}`, token)).json(),
      ).toMatchObject({ id: media.id, name: 'media-team', subGroups: [] });

      const serverInfo = await (await admin('/serverinfo', token)).json();
      expect(serverInfo.systemInfo.version).toBe('26.0.7');

      const unknown = await admin('/realms/runtime/groups/no-such-id', token);
      expect(unknown.status).toBe(404);
    });

    it('refuses a missing or invalid token (401), a user token (403) and a wrong client secret', async () => {
      const missing = await admin('/realms/runtime/users');
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ error: 'HTTP 401 Unauthorized' });

      const invalid = await admin('/realms/runtime/users', 'not-a-token');
      expect(invalid.status).toBe(401);
      expect((await admin('/serverinfo', 'not-a-token')).status).toBe(401);

      // A signed-in user's access token is no admin token.
      const { verifier, challenge } = pkce();
      const login = await startLogin({
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const back = await login.followToClient(
        await login.submit('paula', 'sandbox-paula'),
      );
      const tokens = await (
        await exchangeCode(back.searchParams.get('code')!, verifier)
      ).json();
      const userCall = await admin(
        '/realms/runtime/users',
        tokens.access_token,
      );
      expect(userCall.status).toBe(403);

      const wrongSecret = await adminToken(clientId, 'wrong-secret');
      expect(wrongSecret.status).toBe(401);
      expect(wrongSecret.body.error).toBe('invalid_client');
    });
  });
});
