import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  startOpenBaoServer,
} from '@runtime-portal/runtime-sandbox';
import { OpenBaoAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { OpenBaoClient } from './OpenBaoClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { startSilentServer } from '../testing/testServer';

const ROOT_TOKEN = 'test-root-token';
const CANARY = 'canary-secret-value-7f3a9c';

type Server = { url: string; close(): Promise<void> };

function access(
  url: string,
  overrides: Partial<OpenBaoAccess> = {},
): OpenBaoAccess {
  return {
    url,
    auth: { type: 'token', token: ROOT_TOKEN },
    kvMount: 'secret',
    kubernetesAuthMount: 'kubernetes',
    timeoutMs: 5000,
    ...overrides,
  };
}

/** Sends a raw request to the sandbox as its operator would (root token). */
async function asRoot(
  server: Server,
  method: string,
  urlPath: string,
  body?: unknown,
  namespace?: string,
) {
  const response = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: {
      'x-vault-token': ROOT_TOKEN,
      'content-type': 'application/json',
      ...(namespace ? { 'x-vault-namespace': namespace } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
}

function serviceAccountJwt(namespace: string, name: string): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    encode({ alg: 'RS256' }),
    encode({
      'kubernetes.io': { namespace, serviceaccount: { name, uid: 'uid-1' } },
    }),
    'sig',
  ].join('.');
}

describe('OpenBaoClient', () => {
  let server: Server;
  let client: OpenBaoClient;

  beforeAll(async () => {
    server = await startOpenBaoServer({
      port: 0,
      seed: { components: [], teams: [] },
      credentials: {
        ...DEFAULT_SANDBOX_CREDENTIALS,
        kubernetesToken: 'k',
        openbaoToken: ROOT_TOKEN,
        s3AccessKeyId: 'a',
        s3SecretAccessKey: 'b',
      },
    });
    client = new OpenBaoClient({
      environment: 'test',
      access: access(server.url),
    });
  });
  afterAll(() => server.close());

  describe('KV v2 secrets', () => {
    it('writes secrets and reads back their metadata, never their values', async () => {
      const first = await client.writeSecret('team-a/db', { password: CANARY });
      expect(first.version).toBe(1);
      await client.writeSecret(
        'team-a/db',
        { password: `${CANARY}-2` },
        { cas: 1 },
      );
      await client.writeSecretMetadata('team-a/db', {
        customMetadata: { owner: 'team-a', service: 'billing' },
        maxVersions: 5,
      });

      const metadata = await client.readSecretMetadata('team-a/db');
      expect(metadata).toMatchObject({
        path: 'team-a/db',
        currentVersion: 2,
        maxVersions: 5,
        customMetadata: { owner: 'team-a', service: 'billing' },
      });
      expect(metadata!.versions.map(v => v.version)).toEqual([1, 2]);
      expect(metadata!.versions[0]).toEqual({
        version: 1,
        createdTime: expect.any(String),
        destroyed: false,
      });
      expect(Date.parse(metadata!.updatedTime)).not.toBeNaN();
      expect(JSON.stringify(metadata)).not.toContain(CANARY);
    });

    it('gives undefined for metadata of a secret that does not exist', async () => {
      await expect(
        client.readSecretMetadata('team-a/nothing-here'),
      ).resolves.toBeUndefined();
    });

    it('reads the key names of the current version, never the values', async () => {
      await client.writeSecret('team-a/keys', { user: 'u', password: CANARY });
      await client.writeSecret(
        'team-a/keys',
        { password: CANARY, token: CANARY },
        { cas: 1 },
      );
      const keys = await client.readSecretKeys('team-a/keys');
      expect(keys).toEqual({ version: 2, keys: ['password', 'token'] });
      await expect(
        client.readSecretKeys('team-a/nothing-here'),
      ).resolves.toBeUndefined();
    });

    it('lists folders (keys ending in /) and walks them recursively', async () => {
      await client.writeSecret('tree/a', { k: 'v' });
      await client.writeSecret('tree/sub/b', { k: 'v' });
      await client.writeSecret('tree/sub/deep/c', { k: 'v' });
      await client.writeSecret('tree/other/d', { k: 'v' });

      await expect(client.listSecrets('tree')).resolves.toEqual([
        'a',
        'other/',
        'sub/',
      ]);
      await expect(client.listSecrets('tree/sub/')).resolves.toEqual([
        'b',
        'deep/',
      ]);
      await expect(client.listSecrets('')).resolves.toEqual(
        expect.arrayContaining(['tree/']),
      );
      await expect(client.listSecretsRecursive('tree')).resolves.toEqual([
        'tree/a',
        'tree/other/d',
        'tree/sub/b',
        'tree/sub/deep/c',
      ]);
    });

    it('gives an empty list for an empty or missing folder', async () => {
      await expect(client.listSecrets('no-such-folder')).resolves.toEqual([]);
      await expect(
        client.listSecretsRecursive('no-such-folder'),
      ).resolves.toEqual([]);
    });

    it('refuses a create-only write of an existing secret with a Conflict', async () => {
      await client.writeSecret('cas/key', { k: 'v' }, { cas: 0 });
      const error = await expectUpstreamFailure(
        client.writeSecret('cas/key', { k: CANARY }, { cas: 0 }),
      );
      expect(error.reason).toBe('Conflict');
      expect(error.status).toBe(400);
      expect(error.message).toBe(
        'openbao [test] write secret cas/key failed, Conflict (HTTP 400): secret cas/key already exists (check-and-set 0 only creates)',
      );
      const stale = await expectUpstreamFailure(
        client.writeSecret('cas/key', { k: 'v' }, { cas: 5 }),
      );
      expect(stale.detail).toBe(
        'secret cas/key is not at version 5 (check-and-set mismatch)',
      );
    });

    it('writes metadata with a metadata check-and-set: 0 only creates, then the version read', async () => {
      const claim = { customMetadata: { owner: 'team-a', service: 'svc' } };
      await client.writeSecretMetadata('mcas/key', claim, { metadataCas: 0 });
      const read = await client.readSecretMetadata('mcas/key');
      expect(read?.currentMetadataVersion).toBe(1);

      const taken = await expectUpstreamFailure(
        client.writeSecretMetadata(
          'mcas/key',
          { customMetadata: { owner: 'team-b', service: 'svc' } },
          { metadataCas: 0 },
        ),
      );
      expect(taken.reason).toBe('Conflict');
      expect(taken.detail).toBe(
        'secret mcas/key already has metadata (metadata check-and-set 0 only creates)',
      );
      const stale = await expectUpstreamFailure(
        client.writeSecretMetadata('mcas/key', claim, { metadataCas: 7 }),
      );
      expect(stale.detail).toBe(
        'the metadata of secret mcas/key is not at version 7 (metadata check-and-set mismatch)',
      );
      await client.writeSecretMetadata('mcas/key', claim, { metadataCas: 1 });
      expect(
        (await client.readSecretMetadata('mcas/key'))?.customMetadata,
      ).toEqual(claim.customMetadata);
    });

    it('refuses bad paths before calling OpenBao', async () => {
      const fetchSpy = jest.fn(fetch);
      const guarded = new OpenBaoClient({
        environment: 'test',
        access: access(server.url),
        fetch: fetchSpy,
      });
      for (const bad of ['../etc', 'a//b', '/lead', 'a/./b', '', 'trail/']) {
        const error = await expectUpstreamFailure(
          guarded.writeSecret(bad, { k: 'v' }),
        );
        expect(error.reason).toBe('Invalid');
        expect(error.message).toMatch(/^openbao \[test\] write secret/);
      }
      expect(
        (await expectUpstreamFailure(guarded.writeAclPolicy('a/b', 'x')))
          .detail,
      ).toBe('name "a/b" must not contain "/"');
      expect(fetchSpy).not.toHaveBeenCalled();
    });

    it('encodes path segments', async () => {
      await client.writeSecret('spaced/a b?c', { k: 'v' });
      await expect(client.listSecrets('spaced')).resolves.toEqual(['a b?c']);
    });

    it('reports a missing KV mount as an error, not as an absent secret', async () => {
      const wrongMount = new OpenBaoClient({
        environment: 'test',
        access: access(server.url, { kvMount: 'kv-nope' }),
      });
      const error = await expectUpstreamFailure(
        wrongMount.readSecretMetadata('team-a/db'),
      );
      expect(error.reason).toBe('NotFound');
      expect(error.detail).toContain('no handler for route');
    });
  });

  describe('policies and Kubernetes auth roles', () => {
    const HCL =
      'path "secret/data/billing/*" {\n  capabilities = ["read"]\n}\n';

    it('writes an ACL policy idempotently and reads it back', async () => {
      await client.writeAclPolicy('billing-read', HCL);
      await client.writeAclPolicy('billing-read', HCL);
      await expect(client.readAclPolicy('billing-read')).resolves.toEqual({
        name: 'billing-read',
        policy: HCL,
      });
      await expect(
        client.readAclPolicy('no-such-policy'),
      ).resolves.toBeUndefined();
    });

    it('reports a policy OpenBao cannot parse as Invalid', async () => {
      const error = await expectUpstreamFailure(
        client.writeAclPolicy('broken', 'path "x" { capabilities = ["fly"] }'),
      );
      expect(error.reason).toBe('Invalid');
      expect(error.detail).toBe(
        'failed to parse policy: path "x": invalid capability "fly"',
      );
    });

    it('writes a Kubernetes auth role and reads it back', async () => {
      await client.writeKubernetesAuthRole('billing', {
        boundServiceAccountNames: ['billing'],
        boundServiceAccountNamespaces: ['team-a'],
        tokenPolicies: ['billing-read'],
        tokenTtl: '1h',
      });
      await expect(client.readKubernetesAuthRole('billing')).resolves.toEqual({
        name: 'billing',
        boundServiceAccountNames: ['billing'],
        boundServiceAccountNamespaces: ['team-a'],
        tokenPolicies: ['billing-read'],
        tokenTtl: 3600,
      });
      await expect(
        client.readKubernetesAuthRole('nobody'),
      ).resolves.toBeUndefined();
    });
  });

  describe('authentication', () => {
    it('fails with a Forbidden error naming openbao when the token is wrong', async () => {
      const wrong = new OpenBaoClient({
        environment: 'test',
        access: access(server.url, {
          auth: { type: 'token', token: 'wrong-token' },
        }),
      });
      const error = await expectUpstreamFailure(
        wrong.readSecretMetadata('team-a/db'),
      );
      expect(error).toMatchObject({
        upstream: 'openbao',
        reason: 'Forbidden',
        status: 403,
      });
      expect(error.message).toBe(
        'openbao [test] read secret metadata team-a/db failed, Forbidden (HTTP 403): permission denied',
      );
      expect(error.message).not.toContain('wrong-token');
    });

    describe('with Kubernetes auth', () => {
      let tokenDir: string;
      let tokenFile: string;

      beforeAll(async () => {
        tokenDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openbao-sa-'));
        tokenFile = path.join(tokenDir, 'token');
        await fs.writeFile(
          tokenFile,
          `${serviceAccountJwt('backstage', 'runtime-portal')}\n`,
        );
        await asRoot(server, 'PUT', '/v1/sys/policies/acl/portal', {
          policy:
            'path "secret/*" { capabilities = ["create", "read", "update", "list"] }',
        });
        await asRoot(server, 'POST', '/v1/auth/kubernetes/role/portal', {
          bound_service_account_names: 'runtime-portal',
          bound_service_account_namespaces: 'backstage',
          token_policies: 'portal',
        });
      });
      afterAll(() => fs.rm(tokenDir, { recursive: true, force: true }));

      function kubernetesClient(role = 'portal', file = tokenFile) {
        const logins: string[] = [];
        const tokensSent: string[] = [];
        const recordingFetch: typeof fetch = async (input, init) => {
          const url = String(input);
          if (url.endsWith('/login')) logins.push(url);
          const token = (init?.headers as Record<string, string> | undefined)?.[
            'X-Vault-Token'
          ];
          if (token) tokensSent.push(token);
          return fetch(input, init);
        };
        const kubernetes = new OpenBaoClient({
          environment: 'test',
          access: access(server.url, {
            auth: {
              type: 'kubernetes',
              role,
              mount: 'kubernetes',
              serviceAccountTokenPath: file,
            },
          }),
          fetch: recordingFetch,
        });
        return { kubernetes, logins, tokensSent };
      }

      it('logs in once and reuses the token while its lease lasts', async () => {
        const { kubernetes, logins, tokensSent } = kubernetesClient();
        await kubernetes.writeSecret('k8s/one', { k: 'v' });
        await Promise.all([
          kubernetes.listSecrets('k8s'),
          kubernetes.readSecretMetadata('k8s/one'),
        ]);
        expect(logins).toHaveLength(1);
        expect(new Set(tokensSent).size).toBe(1);
        expect(tokensSent[0]).toMatch(/^hvs\./);
      });

      it('logs in again once when OpenBao refuses the cached token', async () => {
        const { kubernetes, logins, tokensSent } = kubernetesClient();
        await kubernetes.readSecretMetadata('k8s/one');
        const revoked = await fetch(`${server.url}/v1/auth/token/revoke-self`, {
          method: 'POST',
          headers: { 'x-vault-token': tokensSent[0] },
        });
        expect(revoked.status).toBe(204);

        await expect(
          kubernetes.readSecretMetadata('k8s/one'),
        ).resolves.toMatchObject({
          currentVersion: 1,
        });
        expect(logins).toHaveLength(2);
      });

      it('still fails with Forbidden when the fresh token is refused too', async () => {
        const { kubernetes, logins } = kubernetesClient();
        const error = await expectUpstreamFailure(
          kubernetes.writeAclPolicy('not-allowed', 'path "x" {}'),
        );
        expect(error.reason).toBe('Forbidden');
        expect(logins).toHaveLength(2);
      });

      it('reports a refused login as Forbidden naming the role', async () => {
        await asRoot(server, 'POST', '/v1/auth/kubernetes/role/elsewhere', {
          bound_service_account_names: 'someone-else',
          bound_service_account_namespaces: 'backstage',
        });
        const { kubernetes } = kubernetesClient('elsewhere');
        const error = await expectUpstreamFailure(kubernetes.listSecrets(''));
        expect(error.message).toBe(
          'openbao [test] log in to auth/kubernetes as role elsewhere failed, Forbidden (HTTP 403): service account name not authorized',
        );
        expect(error.message).not.toContain(
          serviceAccountJwt('backstage', 'runtime-portal'),
        );
      });

      it('reports an unreadable service account token file as Unauthorized', async () => {
        const { kubernetes } = kubernetesClient(
          'portal',
          path.join(tokenDir, 'missing'),
        );
        const error = await expectUpstreamFailure(kubernetes.listSecrets(''));
        expect(error.reason).toBe('Unauthorized');
        expect(error.detail).toContain('service account token file');
      });
    });
  });

  it('sends the namespace header so each namespace has its own secrets', async () => {
    await asRoot(server, 'POST', '/v1/sys/namespaces/team-ns');
    const namespaced = new OpenBaoClient({
      environment: 'test',
      access: access(server.url, { namespace: 'team-ns' }),
    });
    await namespaced.writeSecret('only/here', { k: 'v' });
    await expect(
      namespaced.readSecretMetadata('only/here'),
    ).resolves.toMatchObject({
      currentVersion: 1,
    });
    await expect(
      client.readSecretMetadata('only/here'),
    ).resolves.toBeUndefined();
    await expect(namespaced.listSecrets('')).resolves.toEqual(['only/']);

    const unknown = new OpenBaoClient({
      environment: 'test',
      access: access(server.url, { namespace: 'ghost' }),
    });
    const error = await expectUpstreamFailure(unknown.listSecrets(''));
    expect(error.detail).toBe('namespace not found');
  });

  it('never puts secret values or tokens in errors', async () => {
    const errors: RuntimeUpstreamError[] = [];
    const wrong = new OpenBaoClient({
      environment: 'test',
      access: access(server.url, { auth: { type: 'token', token: CANARY } }),
    });
    errors.push(
      await expectUpstreamFailure(
        wrong.writeSecret('canary/x', { value: CANARY }),
      ),
    );
    await client.writeSecret('canary/y', { value: CANARY });
    errors.push(
      await expectUpstreamFailure(
        client.writeSecret('canary/y', { value: CANARY }, { cas: 0 }),
      ),
    );
    errors.push(
      await expectUpstreamFailure(
        client.writeSecret('../canary', { value: CANARY }),
      ),
    );
    for (const error of errors) {
      expect(
        `${error.message} ${error.detail} ${String(error.cause ?? '')}`,
      ).not.toContain(CANARY);
    }
  });

  it('times out when OpenBao never answers', async () => {
    const silent = await startSilentServer();
    try {
      const slow = new OpenBaoClient({
        environment: 'test',
        access: access(silent.url, { timeoutMs: 100 }),
      });
      const error = await expectUpstreamFailure(
        slow.writeSecret('slow/x', { k: 'v' }),
      );
      expect(error.reason).toBe('Timeout');
      expect(error.message).toMatch(
        /^openbao \[test\] write secret slow\/x failed, Timeout/,
      );
    } finally {
      await silent.close();
    }
  });
});
