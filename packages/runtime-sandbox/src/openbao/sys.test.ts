import { RunningServer } from '../types';
import { call, serviceAccountJwt, startTestOpenBao } from './testUtils';

const POLICY = 'path "secret/data/app/*" {\n  capabilities = ["read"]\n}\n';

describe('sandbox OpenBao system and auth configuration paths', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestOpenBao();
  });
  afterAll(() => server.close());

  it('reports health without a token', async () => {
    const { status, body } = await call(server, 'GET', '/v1/sys/health', {
      token: null,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      initialized: true,
      sealed: false,
      standby: false,
      version: '2.6.2',
    });
  });

  it('writes ACL policies idempotently and reads them back', async () => {
    const put = () =>
      call(server, 'PUT', '/v1/sys/policies/acl/App-Read', {
        body: { policy: POLICY },
      });
    // OpenBao lower-cases the name and says so in a warning (handlePoliciesSet).
    const first = await put();
    expect(first.status).toBe(200);
    expect(first.body.warnings).toEqual([
      'policy name was converted to app-read',
    ]);
    expect((await put()).status).toBe(200);

    const read = await call(server, 'GET', '/v1/sys/policies/acl/app-read');
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ name: 'app-read', policy: POLICY });
    expect(
      (await call(server, 'GET', '/v1/sys/policies/acl?list=true')).body.data
        .keys,
    ).toEqual(['app-read', 'default', 'root']);
    expect(await call(server, 'GET', '/v1/sys/policies/acl/missing')).toEqual({
      status: 404,
      body: { errors: [] },
    });
  });

  it('refuses policies that do not parse, and changes to root', async () => {
    const bad = await call(server, 'PUT', '/v1/sys/policies/acl/bad', {
      body: { policy: 'path "x" { capabilities = ["fly"] }' },
    });
    expect(bad).toEqual({
      status: 400,
      body: {
        errors: ['failed to parse policy: path "x": invalid capability "fly"'],
      },
    });
    expect(
      (await call(server, 'PUT', '/v1/sys/policies/acl/empty', { body: {} }))
        .body,
    ).toEqual({
      errors: ["'policy' parameter not supplied or empty"],
    });
    expect(
      (
        await call(server, 'PUT', '/v1/sys/policies/acl/root', {
          body: { policy: POLICY },
        })
      ).status,
    ).toBe(400);
  });

  it('writes Kubernetes auth roles and reads them back with TTLs in seconds', async () => {
    const write = await call(server, 'POST', '/v1/auth/kubernetes/role/app', {
      body: {
        bound_service_account_names: ['app'],
        bound_service_account_namespaces: ['team-a'],
        token_policies: ['app-read'],
        token_ttl: '20m',
      },
    });
    expect(write).toEqual({ status: 204, body: undefined });
    const { status, body } = await call(
      server,
      'GET',
      '/v1/auth/kubernetes/role/app',
    );
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      bound_service_account_names: ['app'],
      bound_service_account_namespaces: ['team-a'],
      token_policies: ['app-read'],
      token_ttl: 1200,
      token_type: 'default',
      alias_name_source: 'serviceaccount_uid',
    });
    expect(
      (await call(server, 'GET', '/v1/auth/kubernetes/role?list=true')).body
        .data,
    ).toEqual({
      keys: ['app'],
    });
    expect(
      (await call(server, 'GET', '/v1/auth/kubernetes/role/nope')).status,
    ).toBe(404);
  });

  it('validates roles with the plugin wording', async () => {
    expect(
      await call(server, 'POST', '/v1/auth/kubernetes/role/broken', {
        body: { bound_service_account_namespaces: ['x'] },
      }),
    ).toEqual({
      status: 400,
      body: { errors: ['"bound_service_account_names" can not be empty'] },
    });
  });

  describe('namespaces', () => {
    it('answers 404 namespace not found for a namespace that does not exist', async () => {
      expect(
        await call(server, 'GET', '/v1/secret/data/x', { namespace: 'ghost' }),
      ).toEqual({
        status: 404,
        body: { errors: ['namespace not found'] },
      });
    });

    it('keeps separate stores per namespace', async () => {
      const created = await call(server, 'POST', '/v1/sys/namespaces/team-a');
      expect(created.body.data).toMatchObject({ path: 'team-a/' });
      await call(server, 'POST', '/v1/secret/data/shared', {
        namespace: 'team-a',
        body: { data: { where: 'team-a' } },
      });
      expect((await call(server, 'GET', '/v1/secret/data/shared')).status).toBe(
        404,
      );
      expect(
        (
          await call(server, 'GET', '/v1/secret/data/shared', {
            namespace: 'team-a/',
          })
        ).body.data.data,
      ).toEqual({ where: 'team-a' });
      // The namespace may also lead the request path.
      expect(
        (await call(server, 'GET', '/v1/team-a/secret/data/shared')).status,
      ).toBe(200);
      expect(
        (await call(server, 'GET', '/v1/sys/namespaces?list=true')).body.data
          .keys,
      ).toEqual(['team-a/']);
    });

    it('issues namespace tokens that only work in their namespace', async () => {
      await call(server, 'PUT', '/v1/sys/policies/acl/reader', {
        namespace: 'team-a',
        body: { policy: 'path "secret/data/*" { capabilities = ["read"] }' },
      });
      await call(server, 'POST', '/v1/auth/kubernetes/role/reader', {
        namespace: 'team-a',
        body: {
          bound_service_account_names: 'reader',
          bound_service_account_namespaces: 'team-a',
          token_policies: 'reader',
        },
      });
      const login = await call(server, 'POST', '/v1/auth/kubernetes/login', {
        namespace: 'team-a',
        token: null,
        body: { role: 'reader', jwt: serviceAccountJwt('team-a', 'reader') },
      });
      const token = login.body.auth.client_token;
      expect(
        (
          await call(server, 'GET', '/v1/secret/data/shared', {
            namespace: 'team-a',
            token,
          })
        ).status,
      ).toBe(200);
      expect(
        (await call(server, 'GET', '/v1/secret/data/shared', { token })).status,
      ).toBe(403);
      // Roles are per namespace too.
      expect(
        (
          await call(server, 'POST', '/v1/auth/kubernetes/login', {
            token: null,
            body: {
              role: 'reader',
              jwt: serviceAccountJwt('team-a', 'reader'),
            },
          })
        ).status,
      ).toBe(400);
    });
  });
});
