import { ObjectStorageClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox, startSandbox } from './startSandbox';

/** A namespace the seed creates, for the Kubernetes object under test. */
const NAMESPACE = 'team-search';
const CONFIG_MAP_PATH = `/api/v1/namespaces/${NAMESPACE}/configmaps`;

describe('Sandbox.snapshot', () => {
  let sandbox: Sandbox;
  let s3: ObjectStorageClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free', readyAfterMs: 0 });
    const admin = sandbox.adminCredentials;
    s3 = new ObjectStorageClient({
      environment: 'dev',
      access: {
        endpoint: sandbox.urls.s3,
        region: 'us-east-1',
        accessKeyId: admin.s3AccessKeyId,
        secretAccessKey: admin.s3SecretAccessKey,
        forcePathStyle: true,
        timeoutMs: 10_000,
      },
    });
  });
  afterAll(() => sandbox.close());

  /** One call to OpenBao as root; fails the test on an error status. */
  async function openbao(method: string, path: string, body?: unknown) {
    const response = await fetch(`${sandbox.urls.openbao}/v1/${path}`, {
      method,
      headers: {
        'x-vault-token': sandbox.adminCredentials.openbaoToken,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
  }

  /** One call to Kubernetes as `system:masters`; fails the test on an error status. */
  async function kubernetes(method: string, path: string, body?: unknown) {
    const response = await fetch(`${sandbox.urls.kubernetes}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sandbox.adminCredentials.kubernetesToken}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
  }

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'snapshot-test', namespace: NAMESPACE },
    data: { greeting: 'hello' },
  };

  it('is the same when taken twice on a fresh sandbox, down to its JSON text', async () => {
    const first = await sandbox.snapshot();
    const second = await sandbox.snapshot();
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    // It pictures the seeded Runtime, not an empty shell.
    expect(
      Object.keys(first.kubernetes.objects).filter(key =>
        key.startsWith('v1 Namespace '),
      ),
    ).toContain(`v1 Namespace ${NAMESPACE}`);
    expect(Object.keys(first.openbao.namespaces)).toContain('');
    expect(Object.keys(first.openbao.namespaces[''].kv).length).toBeGreaterThan(
      0,
    );
    expect(Object.keys(first.s3.buckets).length).toBeGreaterThan(1);
    expect(Object.keys(first.s3.users)).toContain(
      sandbox.credentials.s3AccessKeyId,
    );
    expect(Object.keys(first.temporal.namespaces).length).toBeGreaterThan(0);
  });

  it.each([
    {
      what: 'an OpenBao secret',
      write: () =>
        openbao('POST', 'secret/data/snapshot-test/config', {
          data: { password: 'first' },
        }),
      remove: () => openbao('DELETE', 'secret/metadata/snapshot-test/config'),
    },
    {
      what: 'an OpenBao ACL policy',
      write: () =>
        openbao('PUT', 'sys/policies/acl/snapshot-test', {
          policy:
            'path "secret/data/snapshot-test/*" { capabilities = ["read"] }',
        }),
      remove: () => openbao('DELETE', 'sys/policies/acl/snapshot-test'),
    },
    {
      what: 'an OpenBao Kubernetes auth role',
      write: () =>
        openbao('POST', 'auth/kubernetes/role/snapshot-test', {
          bound_service_account_names: ['snapshot-test'],
          bound_service_account_namespaces: [NAMESPACE],
          token_policies: ['snapshot-test'],
        }),
      remove: () => openbao('DELETE', 'auth/kubernetes/role/snapshot-test'),
    },
    {
      what: 'a bucket with tags',
      write: async () => {
        await s3.createBucket('snapshot-test');
        await s3.setTags('snapshot-test', { owner: 'team-search' });
      },
      remove: () => s3.deleteBucket('snapshot-test'),
    },
    {
      what: 'a MinIO user and canned policy',
      write: async () => {
        await s3.admin.putCannedPolicy('snapshot-test', {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject'],
              Resource: ['arn:aws:s3:::snapshot-test/*'],
            },
          ],
        });
        await s3.admin.putUser('snapshot-test-user', {
          secretKey: 'snapshot-test-secret-key',
          policies: ['snapshot-test'],
        });
      },
      remove: async () => {
        await s3.admin.removeUser('snapshot-test-user');
        await s3.admin.removeCannedPolicy('snapshot-test');
      },
    },
    {
      what: 'a Kubernetes object',
      write: () => kubernetes('POST', CONFIG_MAP_PATH, configMap),
      remove: () => kubernetes('DELETE', `${CONFIG_MAP_PATH}/snapshot-test`),
    },
  ])(
    'changes when $what is written, and is as before once it is deleted',
    async ({ write, remove }) => {
      const before = await sandbox.snapshot();
      await write();
      const written = await sandbox.snapshot();
      expect(written).not.toEqual(before);
      await remove();
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('shows a new version of a secret, a rotated MinIO key and bucket versioning', async () => {
    await openbao('POST', 'secret/data/snapshot-test/rotated', {
      data: { password: 'first' },
    });
    await s3.admin.putUser('snapshot-rotated', {
      secretKey: 'snapshot-first-secret',
      policies: [],
    });
    await s3.createBucket('snapshot-versioned');
    const before = await sandbox.snapshot();

    await openbao('POST', 'secret/data/snapshot-test/rotated', {
      data: { password: 'second' },
    });
    await s3.admin.putUser('snapshot-rotated', {
      secretKey: 'snapshot-second-secret',
      policies: [],
    });
    await s3.setVersioning('snapshot-versioned', true);
    const after = await sandbox.snapshot();

    const rootKv = (s: typeof before) => s.openbao.namespaces[''].kv;
    expect(
      Object.keys(rootKv(after)['snapshot-test/rotated'].versions),
    ).toEqual(['1', '2']);
    expect(after.s3.users['snapshot-rotated'].secretKeySha256).not.toBe(
      before.s3.users['snapshot-rotated'].secretKeySha256,
    );
    expect(after.s3.buckets['snapshot-versioned'].versioning).toBe('Enabled');
    expect(before.s3.buckets['snapshot-versioned'].versioning).toBeUndefined();
    // Secret values never appear, only their digests.
    const text = JSON.stringify(after);
    for (const secret of ['first', 'second', 'snapshot-second-secret']) {
      expect(text).not.toContain(`"${secret}"`);
    }
  });

  it('tells an object deleted and created again from the one before', async () => {
    await kubernetes('POST', CONFIG_MAP_PATH, configMap);
    const before = await sandbox.snapshot();
    await kubernetes('DELETE', `${CONFIG_MAP_PATH}/snapshot-test`);
    await kubernetes('POST', CONFIG_MAP_PATH, configMap);
    expect(await sandbox.snapshot()).not.toEqual(before);
    await kubernetes('DELETE', `${CONFIG_MAP_PATH}/snapshot-test`);
  });

  it('shows a registered Temporal namespace', async () => {
    const before = await sandbox.snapshot();
    const response = await fetch(`${sandbox.urls.temporal}/api/v1/namespaces`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(sandbox.credentials.temporalApiKey
          ? { authorization: `Bearer ${sandbox.credentials.temporalApiKey}` }
          : {}),
      },
      body: JSON.stringify({
        namespace: 'snapshot-test',
        workflowExecutionRetentionPeriod: '86400s',
      }),
    });
    expect(response.status).toBe(200);
    const after = await sandbox.snapshot();
    expect(after.temporal.namespaces['snapshot-test']).toMatchObject({
      retentionSeconds: 86400,
    });
    expect({ ...after, temporal: before.temporal }).toEqual(before);
  });
});
