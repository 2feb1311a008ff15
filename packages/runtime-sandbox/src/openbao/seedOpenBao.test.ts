import { loadSeed } from '../seed';
import { RunningServer } from '../types';
import { call, serviceAccountJwt, startTestOpenBao } from './testUtils';

describe('sandbox OpenBao seeded from runtime-seed.yaml', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestOpenBao(loadSeed());
  });
  afterAll(() => server.close());

  it("stores each service's secrets with owner and service custom metadata", async () => {
    const { body } = await call(
      server,
      'GET',
      '/v1/secret/metadata/support-assistant/crm-api',
    );
    expect(body.data).toMatchObject({
      current_version: 1,
      custom_metadata: {
        owner: 'assistant-team',
        service: 'support-assistant',
      },
    });
    const data = await call(
      server,
      'GET',
      '/v1/secret/data/support-assistant/database',
    );
    expect(Object.keys(data.body.data.data).sort()).toEqual([
      'password',
      'username',
    ]);
    expect(data.body.data.data.password).toMatch(/^sandbox-password-/);

    expect(
      (await call(server, 'GET', '/v1/secret/metadata?list=true')).body.data
        .keys,
    ).toEqual([
      'meeting-transcriber/',
      'semantic-search/',
      'support-assistant/',
    ]);
  });

  it('seeds a <service>-read policy and a <service> Kubernetes auth role per service', async () => {
    const role = await call(
      server,
      'GET',
      '/v1/auth/kubernetes/role/semantic-search',
    );
    expect(role.body.data).toMatchObject({
      bound_service_account_names: ['semantic-search'],
      bound_service_account_namespaces: ['team-search'],
      token_policies: ['semantic-search-read'],
      token_ttl: 3600,
    });
    const policies = await call(
      server,
      'GET',
      '/v1/sys/policies/acl?list=true',
    );
    expect(policies.body.data.keys).toEqual(
      expect.arrayContaining([
        'semantic-search-read',
        'support-assistant-read',
        'meeting-transcriber-read',
      ]),
    );
  });

  it("lets a service's workload read its own secrets and nobody else's", async () => {
    const login = await call(server, 'POST', '/v1/auth/kubernetes/login', {
      token: null,
      body: {
        role: 'semantic-search',
        jwt: serviceAccountJwt('team-search', 'semantic-search'),
      },
    });
    const token = login.body.auth.client_token;
    const read = (path: string) =>
      call(server, 'GET', `/v1/secret/${path}`, { token });
    expect((await read('data/semantic-search/database')).status).toBe(200);
    expect((await read('metadata/semantic-search/database')).status).toBe(200);
    expect(
      (await read('metadata/semantic-search?list=true')).body.data.keys,
    ).toEqual(['database']);
    expect((await read('data/support-assistant/database')).status).toBe(403);
    expect(
      (
        await call(server, 'POST', '/v1/secret/data/semantic-search/database', {
          token,
          body: { data: { password: 'changed' } },
        })
      ).status,
    ).toBe(403);
  });
});
