import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  startOpenBaoServer,
} from '@runtime-portal/runtime-sandbox';
import { OpenBaoAccess } from '../config';
import {
  ContractFixture,
  FixtureAnswer,
  FixtureServer,
  loadContractFixtures,
  serveContractFixtures,
} from '../testing/contractFixtures';
import {
  StartedStandIn,
  describeStandInContract,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { OpenBaoClient } from './OpenBaoClient';

/**
 * Contract tests: the client and the sandbox's stand-in against the same request/response pairs
 * (`__fixtures__`, written from OpenBao v2.6.2's documentation and source).
 */

const FIXTURES = loadContractFixtures(path.join(__dirname, '__fixtures__'));

/** The token the fixtures carry: the sandbox's root token. */
const TOKEN = DEFAULT_SANDBOX_CREDENTIALS.openbaoToken;

/** Fixtures of calls the client never makes (it never reads secret values or lists policies). */
const SANDBOX_ONLY = [
  'kv-read-secret',
  'kv-read-secret-missing',
  'policy-list',
];

function fixture(name: string): ContractFixture {
  const found = FIXTURES[name];
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

/** The fixture's response body, for reading expected values. */
function responseOf(name: string): any {
  return fixture(name).response.body;
}

function access(
  url: string,
  overrides: Partial<OpenBaoAccess> = {},
): OpenBaoAccess {
  return {
    url,
    auth: { type: 'token', token: TOKEN },
    kvMount: 'secret',
    kubernetesAuthMount: 'kubernetes',
    timeoutMs: 5000,
    ...overrides,
  };
}

/** A copy of a fixture whose request carries another token. */
function withToken(name: string, token: string): ContractFixture {
  const original = fixture(name);
  return {
    ...original,
    request: {
      ...original.request,
      headers: { ...original.request.headers, 'x-vault-token': token },
    },
  };
}

/** The `errors` of an error body, or undefined. */
function errorsOf(body: unknown): unknown {
  return (body as { errors?: unknown } | undefined)?.errors;
}

describe('OpenBao contract: the client against the fixtures', () => {
  const covered = new Set<string>();
  let server: FixtureServer | undefined;
  let tokenDir: string;

  beforeAll(async () => {
    tokenDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openbao-contract-'));
  });
  afterAll(() => fs.rm(tokenDir, { recursive: true, force: true }));

  /** Stops the fixture server; the client must have sent only requests a fixture matches. */
  async function closeFixtureServer() {
    const current = server;
    server = undefined;
    if (!current) return;
    await current.close();
    expect(current.mismatches).toEqual([]);
    expect(current.requests.length).toBeGreaterThan(0);
  }
  afterEach(closeFixtureServer);

  /** Serves the fixtures and gives a client for them. */
  async function clientFor(
    fixtures: ContractFixture[],
    overrides: Partial<OpenBaoAccess> = {},
  ): Promise<OpenBaoClient> {
    for (const [name, served] of Object.entries(FIXTURES)) {
      if (fixtures.includes(served)) covered.add(name);
    }
    server = await serveContractFixtures(fixtures);
    return new OpenBaoClient({
      environment: 'test',
      access: access(server.url, overrides),
    });
  }

  it('kv-write-secret', async () => {
    const client = await clientFor([fixture('kv-write-secret')]);
    await expect(
      client.writeSecret('contract/write/db', {
        password: 'not-a-real-password',
      }),
    ).resolves.toEqual({
      version: 1,
      createdTime: '2018-03-22T02:36:43.986212308Z',
    });
  });

  it('kv-write-secret-cas', async () => {
    const client = await clientFor([fixture('kv-write-secret-cas')]);
    await expect(
      client.writeSecret(
        'contract/cas/db',
        { password: 'not-a-real-password' },
        { cas: 1 },
      ),
    ).resolves.toEqual({
      version: 2,
      createdTime: '2018-03-22T02:40:10.123456789Z',
    });
  });

  it('kv-write-secret-cas-mismatch', async () => {
    const client = await clientFor([fixture('kv-write-secret-cas-mismatch')]);
    const error = await expectUpstreamFailure(
      client.writeSecret(
        'contract/cas-taken/db',
        { password: 'not-a-real-password' },
        { cas: 0 },
      ),
    );
    expect(error).toMatchObject({ reason: 'Conflict', status: 400 });
    expect(error.detail).toBe(
      'secret contract/cas-taken/db already exists (check-and-set 0 only creates)',
    );
    expect(error.message).not.toContain('not-a-real-password');
  });

  it('kv-read-metadata', async () => {
    const client = await clientFor([fixture('kv-read-metadata')]);
    await expect(
      client.readSecretMetadata('contract/read/db'),
    ).resolves.toEqual({
      path: 'contract/read/db',
      currentVersion: 2,
      currentMetadataVersion: 1,
      oldestVersion: 0,
      maxVersions: 5,
      createdTime: '2018-03-22T02:24:06.945319214Z',
      updatedTime: '2018-03-22T02:36:43.986212308Z',
      customMetadata: { owner: 'team-a', service: 'billing' },
      versions: [
        {
          version: 1,
          createdTime: '2018-03-22T02:24:06.945319214Z',
          destroyed: false,
        },
        {
          version: 2,
          createdTime: '2018-03-22T02:36:33.954880664Z',
          destroyed: false,
        },
      ],
    });
  });

  it('kv-read-metadata-missing', async () => {
    const client = await clientFor([fixture('kv-read-metadata-missing')]);
    await expect(
      client.readSecretMetadata('contract/missing'),
    ).resolves.toBeUndefined();
  });

  it('kv-write-metadata', async () => {
    const client = await clientFor([fixture('kv-write-metadata')]);
    await expect(
      client.writeSecretMetadata('contract/meta/db', {
        customMetadata: { owner: 'team-a', service: 'billing' },
        maxVersions: 5,
      }),
    ).resolves.toBeUndefined();
  });

  it('kv-write-metadata-cas', async () => {
    const client = await clientFor([fixture('kv-write-metadata-cas')]);
    await expect(
      client.writeSecretMetadata(
        'contract/meta-cas/db',
        { customMetadata: { owner: 'team-a', service: 'billing' } },
        { metadataCas: 0 },
      ),
    ).resolves.toBeUndefined();
  });

  it('kv-write-metadata-cas-mismatch', async () => {
    const client = await clientFor([fixture('kv-write-metadata-cas-mismatch')]);
    const error = await expectUpstreamFailure(
      client.writeSecretMetadata(
        'contract/meta-taken/db',
        { customMetadata: { owner: 'team-b', service: 'billing' } },
        { metadataCas: 0 },
      ),
    );
    expect(error).toMatchObject({ reason: 'Conflict', status: 400 });
    expect(error.detail).toBe(
      'secret contract/meta-taken/db already has metadata (metadata check-and-set 0 only creates)',
    );
  });

  it('kv-delete-metadata', async () => {
    const client = await clientFor([fixture('kv-delete-metadata')]);
    await expect(
      client.deleteSecretMetadata('contract/delete/db'),
    ).resolves.toBeUndefined();
  });

  it('kv-list', async () => {
    const client = await clientFor([fixture('kv-list')]);
    await expect(client.listSecrets('contract/tree')).resolves.toEqual([
      'a',
      'sub/',
    ]);
  });

  it('kv-list-missing', async () => {
    const client = await clientFor([fixture('kv-list-missing')]);
    await expect(client.listSecrets('contract/nothing/')).resolves.toEqual([]);
  });

  it('kv-missing-mount', async () => {
    const client = await clientFor([fixture('kv-missing-mount')], {
      kvMount: 'kv-nope',
    });
    const error = await expectUpstreamFailure(
      client.readSecretMetadata('contract/db'),
    );
    expect(error).toMatchObject({ reason: 'NotFound', status: 404 });
    expect(error.detail).toBe(responseOf('kv-missing-mount').errors[0]);
  });

  it('permission-denied', async () => {
    const client = await clientFor([fixture('permission-denied')], {
      auth: { type: 'token', token: 'not-a-valid-token' },
    });
    const error = await expectUpstreamFailure(
      client.readSecretMetadata('contract/read/db'),
    );
    expect(error).toMatchObject({
      reason: 'Forbidden',
      status: 403,
      detail: 'permission denied',
    });
    expect(server!.requests).toHaveLength(1);
  });

  it('policy-write', async () => {
    const client = await clientFor([fixture('policy-write')]);
    await expect(
      client.writeAclPolicy(
        'contract-write',
        responseOf('policy-read').data.policy,
      ),
    ).resolves.toBeUndefined();
  });

  it('policy-read', async () => {
    const client = await clientFor([fixture('policy-read')]);
    await expect(client.readAclPolicy('contract-read')).resolves.toEqual({
      name: 'contract-read',
      policy: 'path "secret/data/billing/*" {\n  capabilities = ["read"]\n}\n',
    });
  });

  it('policy-read-missing', async () => {
    const client = await clientFor([fixture('policy-read-missing')]);
    await expect(
      client.readAclPolicy('contract-missing'),
    ).resolves.toBeUndefined();
  });

  it('policy-delete', async () => {
    const client = await clientFor([fixture('policy-delete')]);
    await expect(
      client.deleteAclPolicy('contract-delete'),
    ).resolves.toBeUndefined();
  });

  it('policy-write-invalid', async () => {
    const client = await clientFor([fixture('policy-write-invalid')]);
    const error = await expectUpstreamFailure(
      client.writeAclPolicy(
        'contract-broken',
        'path "x" { capabilities = ["fly"] }',
      ),
    );
    expect(error).toMatchObject({
      reason: 'Invalid',
      status: 400,
      detail: 'failed to parse policy: path "x": invalid capability "fly"',
    });
  });

  it('kubernetes-role-write', async () => {
    const client = await clientFor([fixture('kubernetes-role-write')]);
    await expect(
      client.writeKubernetesAuthRole('contract-write', {
        boundServiceAccountNames: ['billing'],
        boundServiceAccountNamespaces: ['team-a'],
        tokenPolicies: ['billing-read'],
        tokenTtl: 3600,
      }),
    ).resolves.toBeUndefined();
  });

  it('kubernetes-role-read', async () => {
    const client = await clientFor([fixture('kubernetes-role-read')]);
    await expect(
      client.readKubernetesAuthRole('contract-read'),
    ).resolves.toEqual({
      name: 'contract-read',
      boundServiceAccountNames: ['billing'],
      boundServiceAccountNamespaces: ['team-a'],
      tokenPolicies: ['billing-read'],
      tokenTtl: 3600,
    });
  });

  it('kubernetes-role-read-missing', async () => {
    const client = await clientFor([fixture('kubernetes-role-read-missing')]);
    await expect(
      client.readKubernetesAuthRole('contract-missing'),
    ).resolves.toBeUndefined();
  });

  it('kubernetes-role-delete', async () => {
    const client = await clientFor([fixture('kubernetes-role-delete')]);
    await expect(
      client.deleteKubernetesAuthRole('contract-delete'),
    ).resolves.toBeUndefined();
  });

  it('kubernetes-role-write-invalid', async () => {
    const client = await clientFor([fixture('kubernetes-role-write-invalid')]);
    const error = await expectUpstreamFailure(
      client.writeKubernetesAuthRole('contract-invalid', {
        boundServiceAccountNames: [],
        boundServiceAccountNamespaces: ['team-a'],
        tokenPolicies: ['billing-read'],
      }),
    );
    expect(error).toMatchObject({
      reason: 'Invalid',
      status: 400,
      detail: '"bound_service_account_names" can not be empty',
    });
  });

  it('token-lookup-self', async () => {
    const client = await clientFor([fixture('token-lookup-self')]);
    await expect(client.checkAccess()).resolves.toBeUndefined();
  });

  /** A client logging in as `role` with the fixtures' service account JWT. */
  async function kubernetesClient(
    role: string,
    fixtures: ContractFixture[],
  ): Promise<OpenBaoClient> {
    const tokenFile = path.join(tokenDir, `${role}.jwt`);
    await fs.writeFile(
      tokenFile,
      `${(fixture('kubernetes-login').request.body as { jwt: string }).jwt}\n`,
    );
    return clientFor(fixtures, {
      auth: {
        type: 'kubernetes',
        role,
        mount: 'kubernetes',
        serviceAccountTokenPath: tokenFile,
      },
    });
  }

  it('kubernetes-login', async () => {
    const issued = responseOf('kubernetes-login').auth.client_token;
    const client = await kubernetesClient('contract-login', [
      fixture('kubernetes-login'),
      withToken('token-lookup-self', issued),
    ]);
    await client.checkAccess();
    await client.checkAccess();
    const [login, ...calls] = server!.requests;
    expect(login.url).toBe('/v1/auth/kubernetes/login');
    expect(login.headers['x-vault-token']).toBeUndefined();
    expect(calls.map(call => call.headers['x-vault-token'])).toEqual([
      issued,
      issued,
    ]);
  });

  it('kubernetes-login-denied', async () => {
    const client = await kubernetesClient('contract-elsewhere', [
      fixture('kubernetes-login-denied'),
    ]);
    const error = await expectUpstreamFailure(client.checkAccess());
    expect(error.message).toBe(
      'openbao [test] log in to auth/kubernetes as role contract-elsewhere failed, Forbidden (HTTP 403): service account name not authorized',
    );
    expect(error.message).not.toContain('eyJ');
  });

  it('kubernetes-login-unknown-role', async () => {
    const client = await kubernetesClient('contract-nobody', [
      fixture('kubernetes-login-unknown-role'),
    ]);
    const error = await expectUpstreamFailure(client.checkAccess());
    expect(error).toMatchObject({
      reason: 'Invalid',
      status: 400,
      detail: 'invalid role name "contract-nobody"',
    });
  });

  it('has a test for every fixture the client calls (run last)', () => {
    const uncovered = Object.keys(FIXTURES).filter(
      name => !covered.has(name) && !SANDBOX_ONLY.includes(name),
    );
    expect(uncovered).toEqual([]);
  });

  it('reports a request that matches no fixture (the contract can fail)', async () => {
    const client = await clientFor([fixture('kv-write-secret')]);
    await expectUpstreamFailure(
      client.writeSecret('contract/write/db', { password: 'x' }, { cas: 3 }),
    );
    expect(server!.mismatches).toEqual([
      expect.stringContaining('body.options: not in the upstream'),
    ]);
    server!.mismatches.length = 0;
  });
});

/* The sandbox stand-in against the fixtures. */

const ROLE = {
  bound_service_account_names: ['billing'],
  bound_service_account_namespaces: ['team-a'],
  token_policies: ['billing-read'],
  token_ttl: 3600,
};
const SECRET = { password: 'not-a-real-password' };
const POLICY = responseOf('policy-read').data.policy as string;

/** The stand-in, once started. */
let sandbox: StartedStandIn;

/** Sends a request to the stand-in with the root token, and returns the answer. */
async function asRoot(
  method: string,
  urlPath: string,
  body?: unknown,
  token = TOKEN,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sandbox.url}${urlPath}`, {
    method,
    headers: { 'x-vault-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Like {@link asRoot}, for the state the fixtures describe: fails unless it succeeds. */
async function given(method: string, urlPath: string, body?: unknown) {
  const answer = await asRoot(method, urlPath, body);
  if (answer.status >= 300) {
    throw new Error(
      `${method} ${urlPath}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
}

/** Starts the stand-in with the state each fixture's request finds in OpenBao (names do not collide). */
async function startOpenBaoWithFixtureState(): Promise<StartedStandIn> {
  sandbox = await startOpenBaoServer({
    port: 0,
    seed: { components: [], teams: [] },
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
  });
  await given('POST', '/v1/secret/data/contract/read/db', { data: SECRET });
  await given('POST', '/v1/secret/data/contract/read/db', { data: SECRET });
  await given('POST', '/v1/secret/metadata/contract/read/db', {
    custom_metadata: { owner: 'team-a', service: 'billing' },
    max_versions: 5,
  });
  await given('POST', '/v1/secret/data/contract/cas/db', { data: SECRET });
  await given('POST', '/v1/secret/data/contract/cas-taken/db', {
    data: SECRET,
  });
  await given('POST', '/v1/secret/metadata/contract/meta-taken/db', {
    custom_metadata: { owner: 'team-a', service: 'billing' },
  });
  await given('POST', '/v1/secret/data/contract/delete/db', { data: SECRET });
  await given('POST', '/v1/secret/data/contract/tree/a', { data: SECRET });
  await given('POST', '/v1/secret/data/contract/tree/sub/b', {
    data: SECRET,
  });
  for (const name of ['contract-read', 'contract-list', 'contract-delete']) {
    await given('PUT', `/v1/sys/policies/acl/${name}`, { policy: POLICY });
  }
  await given('POST', '/v1/auth/kubernetes/role/contract-read', ROLE);
  await given('POST', '/v1/auth/kubernetes/role/contract-delete', ROLE);
  await given('POST', '/v1/auth/kubernetes/role/contract-login', {
    ...ROLE,
    bound_service_account_names: ['runtime-portal'],
    bound_service_account_namespaces: ['backstage'],
  });
  await given('POST', '/v1/auth/kubernetes/role/contract-elsewhere', {
    ...ROLE,
    bound_service_account_names: ['someone-else'],
    bound_service_account_namespaces: ['backstage'],
  });
  return sandbox;
}

/** Reads back what a fixture's request did in the stand-in, and checks values the shape leaves open. */
async function readBack(name: string, answer: FixtureAnswer): Promise<void> {
  const body = answer.body as any;
  switch (name) {
    case 'kv-write-secret': {
      const read = await asRoot('GET', '/v1/secret/data/contract/write/db');
      expect(read.body.data.data).toEqual(SECRET);
      expect(read.body.data.metadata.version).toBe(1);
      return;
    }
    case 'kv-write-secret-cas': {
      expect(body.data.version).toBe(2);
      const read = await asRoot('GET', '/v1/secret/metadata/contract/cas/db');
      expect(read.body.data.current_version).toBe(2);
      return;
    }
    case 'kv-write-secret-cas-mismatch': {
      const read = await asRoot(
        'GET',
        '/v1/secret/metadata/contract/cas-taken/db',
      );
      expect(read.body.data.current_version).toBe(1);
      return;
    }
    case 'kv-read-secret': {
      expect(body.data.data).toEqual(SECRET);
      expect(body.data.metadata.version).toBe(2);
      return;
    }
    case 'kv-read-metadata': {
      expect(body.data).toMatchObject({
        current_version: 2,
        current_metadata_version: 1,
        max_versions: 5,
        custom_metadata: { owner: 'team-a', service: 'billing' },
      });
      expect(Object.keys(body.data.versions)).toEqual(['1', '2']);
      return;
    }
    case 'kv-write-metadata': {
      const read = await asRoot('GET', '/v1/secret/metadata/contract/meta/db');
      expect(read.body.data).toMatchObject({
        current_version: 0,
        max_versions: 5,
        custom_metadata: { owner: 'team-a', service: 'billing' },
      });
      return;
    }
    case 'kv-write-metadata-cas': {
      const read = await asRoot(
        'GET',
        '/v1/secret/metadata/contract/meta-cas/db',
      );
      expect(read.body.data.current_metadata_version).toBe(1);
      return;
    }
    case 'kv-write-metadata-cas-mismatch': {
      const read = await asRoot(
        'GET',
        '/v1/secret/metadata/contract/meta-taken/db',
      );
      expect(read.body.data.custom_metadata).toEqual({
        owner: 'team-a',
        service: 'billing',
      });
      return;
    }
    case 'kv-delete-metadata': {
      expect(
        (await asRoot('GET', '/v1/secret/metadata/contract/delete/db')).status,
      ).toBe(404);
      return;
    }
    case 'kv-list': {
      expect(body.data.keys).toEqual(['a', 'sub/']);
      return;
    }
    case 'policy-write': {
      const read = await asRoot('GET', '/v1/sys/policies/acl/contract-write');
      expect(read.body.data).toMatchObject({
        name: 'contract-write',
        policy: POLICY,
      });
      return;
    }
    case 'policy-read': {
      expect(body.data).toMatchObject({
        name: 'contract-read',
        policy: POLICY,
        version: 1,
      });
      return;
    }
    case 'policy-write-invalid': {
      expect(
        (await asRoot('GET', '/v1/sys/policies/acl/contract-broken')).status,
      ).toBe(404);
      return;
    }
    case 'policy-list': {
      expect(body.data.keys).toEqual(
        expect.arrayContaining(responseOf('policy-list').data.keys),
      );
      return;
    }
    case 'policy-delete': {
      expect(
        (await asRoot('GET', '/v1/sys/policies/acl/contract-delete')).status,
      ).toBe(404);
      return;
    }
    case 'kubernetes-role-write': {
      const read = await asRoot(
        'GET',
        '/v1/auth/kubernetes/role/contract-write',
      );
      expect(read.body.data).toMatchObject(ROLE);
      return;
    }
    case 'kubernetes-role-read': {
      expect(body.data).toEqual(responseOf('kubernetes-role-read').data);
      return;
    }
    case 'kubernetes-role-delete': {
      expect(
        (await asRoot('GET', '/v1/auth/kubernetes/role/contract-delete'))
          .status,
      ).toBe(404);
      return;
    }
    case 'kubernetes-role-write-invalid': {
      expect(
        (await asRoot('GET', '/v1/auth/kubernetes/role/contract-invalid'))
          .status,
      ).toBe(404);
      return;
    }
    case 'kubernetes-login': {
      const auth = body.auth;
      expect(auth.metadata).toEqual(
        responseOf('kubernetes-login').auth.metadata,
      );
      expect(auth.policies).toEqual(['billing-read', 'default']);
      expect(auth.lease_duration).toBe(3600);
      const self = await asRoot(
        'GET',
        '/v1/auth/token/lookup-self',
        undefined,
        auth.client_token,
      );
      expect(self.status).toBe(200);
      expect(self.body.data).toMatchObject({
        policies: ['billing-read', 'default'],
        renewable: true,
        type: 'service',
      });
      expect(Date.parse(self.body.data.issue_time)).not.toBeNaN();
      return;
    }
    case 'token-lookup-self': {
      expect(body.data).toMatchObject({
        id: TOKEN,
        path: 'auth/token/root',
        policies: ['root'],
      });
      return;
    }
    default:
  }
}

describeStandInContract(
  'OpenBao contract: the sandbox stand-in against the fixtures',
  FIXTURES,
  {
    start: startOpenBaoWithFixtureState,
    testName: (file, contractFixture) => `${file}: ${contractFixture.name}`,
    // No body where OpenBao sends none (204), and OpenBao's exact error messages.
    pinned: answer => ({
      hasBody: answer.body !== undefined,
      errors: errorsOf(answer.body),
    }),
    alsoExpect: (answer, _fixture, file) => readBack(file, answer),
  },
);
