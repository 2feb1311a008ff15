import { RunningServer } from '../types';
import { call, serviceAccountJwt, startTestOpenBao } from './testUtils';

const TEAM_POLICY = `
path "secret/data/team-a/*" { capabilities = ["read", "create", "update"] }
path "secret/metadata/team-a/*" { capabilities = ["read", "list"] }
`;

describe('sandbox OpenBao authentication and ACLs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestOpenBao();
    await call(server, 'PUT', '/v1/sys/policies/acl/team-a', {
      body: { policy: TEAM_POLICY },
    });
    await call(server, 'POST', '/v1/auth/kubernetes/role/team-a-app', {
      body: {
        bound_service_account_names: ['app'],
        bound_service_account_namespaces: ['team-a'],
        token_policies: ['team-a'],
        token_ttl: '1h',
      },
    });
    await call(server, 'POST', '/v1/secret/data/team-a/db', {
      body: { data: { password: 'x' } },
    });
    await call(server, 'POST', '/v1/secret/data/team-b/db', {
      body: { data: { password: 'y' } },
    });
  });
  afterAll(() => server.close());

  async function login(
    jwt = serviceAccountJwt('team-a', 'app'),
    role = 'team-a-app',
  ) {
    return call(server, 'POST', '/v1/auth/kubernetes/login', {
      token: null,
      body: { role, jwt },
    });
  }

  it('refuses a missing or wrong token with 403 permission denied', async () => {
    const expected = { status: 403, body: { errors: ['permission denied'] } };
    expect(
      await call(server, 'GET', '/v1/secret/data/team-a/db', { token: null }),
    ).toEqual(expected);
    expect(
      await call(server, 'GET', '/v1/secret/data/team-a/db', {
        token: 'wrong',
      }),
    ).toEqual(expected);
  });

  it('accepts the root token as a bearer token too', async () => {
    const response = await fetch(`${server.url}/v1/secret/data/team-a/db`, {
      headers: { authorization: 'Bearer sandbox-openbao-token' },
    });
    expect(response.status).toBe(200);
  });

  it('logs a bound service account in and issues a token with the role policies', async () => {
    const { status, body } = await login();
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.auth).toMatchObject({
      client_token: expect.stringMatching(/^hvs\./),
      accessor: expect.any(String),
      policies: ['default', 'team-a'],
      token_policies: ['default', 'team-a'],
      lease_duration: 3600,
      renewable: true,
      token_type: 'service',
      metadata: {
        role: 'team-a-app',
        service_account_name: 'app',
        service_account_namespace: 'team-a',
        service_account_uid: 'uid-team-a-app',
      },
    });
  });

  it('refuses service accounts and namespaces the role does not bind', async () => {
    expect(await login(serviceAccountJwt('team-a', 'other'))).toEqual({
      status: 403,
      body: { errors: ['service account name not authorized'] },
    });
    expect(await login(serviceAccountJwt('team-b', 'app'))).toEqual({
      status: 403,
      body: { errors: ['namespace not authorized'] },
    });
    expect(await login(undefined, 'nope')).toEqual({
      status: 400,
      body: { errors: ['invalid role name "nope"'] },
    });
    expect((await login('not-a-jwt')).status).toBe(403);
    expect(
      (
        await login(
          serviceAccountJwt('team-a', 'app', {
            exp: Math.floor(Date.now() / 1000) - 60,
          }),
        )
      ).status,
    ).toBe(403);
  });

  it('reads service-account claims from the sub of a JWT without kubernetes.io claims', async () => {
    const encode = (value: object) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${encode({ alg: 'RS256' })}.${encode({
      sub: 'system:serviceaccount:team-a:app',
    })}.sig`;
    expect((await login(jwt)).status).toBe(200);
  });

  it("enforces the token's policies on KV paths", async () => {
    const token = (await login()).body.auth.client_token;
    expect(
      (await call(server, 'GET', '/v1/secret/data/team-a/db', { token }))
        .status,
    ).toBe(200);
    expect(
      (
        await call(server, 'GET', '/v1/secret/metadata/team-a?list=true', {
          token,
        })
      ).body.data,
    ).toEqual({ keys: ['db'] });
    expect(
      (
        await call(server, 'POST', '/v1/secret/data/team-a/new', {
          token,
          body: { data: { a: 'b' } },
        })
      ).status,
    ).toBe(200);

    const denied = {
      status: 403,
      body: { errors: ['1 error occurred:\n\t* permission denied\n\n'] },
    };
    expect(
      await call(server, 'GET', '/v1/secret/data/team-b/db', { token }),
    ).toEqual(denied);
    expect(
      await call(server, 'GET', '/v1/secret/metadata/?list=true', { token }),
    ).toEqual(denied);
    expect(
      await call(server, 'DELETE', '/v1/secret/metadata/team-a/db', { token }),
    ).toEqual(denied);
    expect(
      await call(server, 'PUT', '/v1/sys/policies/acl/team-a', {
        token,
        body: { policy: TEAM_POLICY },
      }),
    ).toEqual(denied);
  });

  it('tells create from update by whether the key exists', async () => {
    await call(server, 'PUT', '/v1/sys/policies/acl/create-only', {
      body: {
        policy: 'path "secret/data/drop/*" { capabilities = ["create"] }',
      },
    });
    await call(server, 'POST', '/v1/auth/kubernetes/role/dropper', {
      body: {
        bound_service_account_names: 'dropper',
        bound_service_account_namespaces: 'team-a',
        token_policies: 'create-only',
      },
    });
    const token = (
      await login(serviceAccountJwt('team-a', 'dropper'), 'dropper')
    ).body.auth.client_token;
    const write = () =>
      call(server, 'POST', '/v1/secret/data/drop/box', {
        token,
        body: { data: { a: '1' } },
      });
    expect((await write()).status).toBe(200);
    expect((await write()).status).toBe(403);
  });

  it('applies policy changes to tokens already issued', async () => {
    const token = (await login()).body.auth.client_token;
    await call(server, 'PUT', '/v1/sys/policies/acl/team-a', {
      body: {
        policy: 'path "secret/data/team-b/*" { capabilities = ["read"] }',
      },
    });
    expect(
      (await call(server, 'GET', '/v1/secret/data/team-a/db', { token }))
        .status,
    ).toBe(403);
    expect(
      (await call(server, 'GET', '/v1/secret/data/team-b/db', { token }))
        .status,
    ).toBe(200);
    await call(server, 'PUT', '/v1/sys/policies/acl/team-a', {
      body: { policy: TEAM_POLICY },
    });
  });

  it('lets a token look itself up and revoke itself', async () => {
    const token = (await login()).body.auth.client_token;
    const self = await call(server, 'GET', '/v1/auth/token/lookup-self', {
      token,
    });
    expect(self.body.data).toMatchObject({
      policies: ['default', 'team-a'],
      ttl: 3600,
    });
    expect(
      (await call(server, 'POST', '/v1/auth/token/revoke-self', { token }))
        .status,
    ).toBe(204);
    expect(
      await call(server, 'GET', '/v1/secret/data/team-a/db', { token }),
    ).toEqual({
      status: 403,
      body: { errors: ['permission denied'] },
    });
  });

  it('refuses a token once its lease has expired', async () => {
    const token = (await login()).body.auth.client_token;
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 3601_000);
    try {
      expect(
        (await call(server, 'GET', '/v1/secret/data/team-a/db', { token }))
          .status,
      ).toBe(403);
    } finally {
      clock.mockRestore();
    }
  });
});
