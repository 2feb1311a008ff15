import { loadSeed } from '../seed';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  RunningServer,
} from '../types';
import { ACL_PERMISSION_DENIED } from './apiError';
import { startOpenBaoServer } from './startOpenBaoServer';
import { call } from './testUtils';

describe("the portal's OpenBao token (deploy/openbao/runtime-portal.hcl)", () => {
  let server: RunningServer;
  const portal = { token: DEFAULT_SANDBOX_CREDENTIALS.openbaoToken };
  const root = { token: DEFAULT_SANDBOX_ADMIN_CREDENTIALS.openbaoToken };
  const denied = { status: 403, body: { errors: [ACL_PERMISSION_DENIED] } };

  beforeAll(async () => {
    server = await startOpenBaoServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  it('carries the shipped policy, not root', async () => {
    const self = await call(
      server,
      'GET',
      '/v1/auth/token/lookup-self',
      portal,
    );
    expect(self.status).toBe(200);
    expect(self.body.data.policies).toEqual(['default', 'runtime-portal']);
    const policy = await call(
      server,
      'GET',
      '/v1/sys/policies/acl/runtime-portal',
      root,
    );
    expect(policy.body.data.policy).toContain('path "secret/data/*"');
  });

  it('writes and lists secrets but never reads a value', async () => {
    const written = await call(
      server,
      'POST',
      '/v1/secret/data/portal-test/one',
      {
        ...portal,
        body: { data: { key: 'value' } },
      },
    );
    expect(written.status).toBe(200);
    expect(
      (await call(server, 'GET', '/v1/secret/metadata/portal-test/one', portal))
        .status,
    ).toBe(200);
    expect(
      (
        await call(
          server,
          'GET',
          '/v1/secret/metadata/portal-test?list=true',
          portal,
        )
      ).status,
    ).toBe(200);
    expect(
      await call(server, 'GET', '/v1/secret/data/portal-test/one', portal),
    ).toEqual(denied);
    expect(
      (await call(server, 'GET', '/v1/secret/data/portal-test/one', root)).body
        .data.data,
    ).toEqual({ key: 'value' });
  });

  it("writes the runtime_ policies and roles only, never its own or anyone else's", async () => {
    const grant = await call(
      server,
      'POST',
      '/v1/sys/policies/acl/runtime_secret_a_b',
      {
        ...portal,
        body: { policy: 'path "secret/data/a/b" { capabilities = ["read"] }' },
      },
    );
    expect(grant.status).toBe(204);
    expect(
      await call(server, 'POST', '/v1/sys/policies/acl/runtime-portal', {
        ...portal,
        body: { policy: 'path "*" { capabilities = ["sudo"] }' },
      }),
    ).toEqual(denied);
    expect(
      await call(server, 'GET', '/v1/sys/policies/acl?list=true', portal),
    ).toEqual(denied);
    expect(
      await call(server, 'POST', '/v1/auth/kubernetes/role/semantic-search', {
        ...portal,
        body: {
          bound_service_account_names: ['x'],
          bound_service_account_namespaces: ['y'],
        },
      }),
    ).toEqual(denied);
  });
});
