import {
  ObjectStorageClient,
  RuntimeClients,
  bucketAccessNames,
  bucketAccessPolicy,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  outputsOf,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from './bucketCreate';

const baseInput = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
  name: 'semantic-search-index',
};
const names = bucketAccessNames('semantic-search', 'semantic-search-index');

interface StoredKeys {
  data: Record<string, string>;
  version: number;
  customMetadata: Record<string, string>;
}

describe('runtime:bucket:create gives the service its own MinIO user', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const storage = () => clients.client('dev', 'objectStorage');
  const openbao = () => clients.client('dev', 'openbao');
  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(createRuntimeBucketAction, clients, input, options);

  /** The stored keys, read as the service would (the portal itself never reads values). */
  async function storedKeys(path: string): Promise<StoredKeys | undefined> {
    const headers = { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken };
    const data = await fetch(`${sandbox.urls.openbao}/v1/secret/data/${path}`, {
      headers,
    });
    if (data.status === 404) return undefined;
    const body = await data.json();
    const metadata = await openbao().readSecretMetadata(path);
    return {
      data: body.data.data,
      version: body.data.metadata.version,
      customMetadata: metadata!.customMetadata,
    };
  }

  /** A client that signs with the service's own keys. */
  function serviceClient(keys: Record<string, string>) {
    return new ObjectStorageClient({
      environment: 'dev',
      access: {
        ...clients.environment('dev').objectStorage!,
        accessKeyId: keys.accessKey,
        secretAccessKey: keys.secretKey,
      },
    });
  }

  it('dry run names the user, policy and path it would create, and creates none of them', async () => {
    const { ctx, error } = await run(baseInput, { isDryRun: true });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({
      policyName: 'runtime-bucket-semantic-search-index',
      credentialsPath: 'semantic-search/buckets/semantic-search-index',
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'would give semantic-search a MinIO user with policy runtime-bucket-semantic-search-index',
      ),
    );
    expect(await storage().admin.getUser(names.accessKey)).toBeUndefined();
    expect(
      await storage().admin.getCannedPolicy(names.policyName),
    ).toBeUndefined();
    expect(await storedKeys(names.credentialsPath)).toBeUndefined();
  });

  it('creates the user with a policy for this bucket only and stores its keys in OpenBao, never in the output', async () => {
    const { ctx, error, said } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({
      bucket: 'semantic-search-index',
      policyName: names.policyName,
      credentialsPath: names.credentialsPath,
    });

    expect(await storage().admin.getCannedPolicy(names.policyName)).toEqual(
      bucketAccessPolicy('semantic-search-index'),
    );
    expect(await storage().admin.getUser(names.accessKey)).toEqual({
      status: 'enabled',
      policies: [names.policyName],
    });
    const stored = await storedKeys(names.credentialsPath);
    expect(stored).toMatchObject({
      version: 1,
      data: {
        accessKey: names.accessKey,
        bucket: 'semantic-search-index',
        endpoint: sandbox.urls.s3,
      },
      customMetadata: {
        owner: 'search-team',
        service: 'semantic-search',
        'runtime-portal-credentials': 'ready',
      },
    });
    const secretKey = stored!.data.secretKey;
    expect(secretKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(said).not.toContain(secretKey);

    // The keys work for this bucket, and for nothing else.
    const service = serviceClient(stored!.data);
    await expect(service.headBucket('semantic-search-index')).resolves.toBe(
      true,
    );
    expect((await service.listBuckets()).map(b => b.name)).toEqual([
      'semantic-search-index',
    ]);
    await storage().createBucket('another-teams-bucket');
    await expect(
      service.headBucket('another-teams-bucket'),
    ).rejects.toMatchObject({ reason: 'Forbidden' });
  });

  it('a second run keeps the user and its keys', async () => {
    const before = await storedKeys(names.credentialsPath);
    const { error, ctx } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('kept as they are'),
    );
    expect(await storedKeys(names.credentialsPath)).toEqual(before);
  });

  it('issues new keys when MinIO lost the user, and stores them as a new version', async () => {
    await storage().admin.removeUser(names.accessKey);
    const { error, ctx } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Issued new keys for MinIO user'),
    );
    const stored = await storedKeys(names.credentialsPath);
    expect(stored?.version).toBe(2);
    await expect(
      serviceClient(stored!.data).headBucket('semantic-search-index'),
    ).resolves.toBe(true);
  });

  it("refuses a path holding another team's keys before creating anything", async () => {
    const input = { ...baseInput, name: 'semantic-search-claimed' };
    const claimed = bucketAccessNames('semantic-search', input.name);
    await openbao().writeSecretMetadata(claimed.credentialsPath, {
      customMetadata: { owner: 'other-team', service: 'semantic-search' },
    });
    for (const isDryRun of [true, false]) {
      const { error } = await run(input, { isDryRun });
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "already exists and belongs to owner 'other-team'",
      );
    }
    expect(await storage().headBucket(input.name)).toBe(false);
    expect(await storage().admin.getUser(claimed.accessKey)).toBeUndefined();
  });

  it('removes the user and policy a first run created when storing the keys fails, and a re-run succeeds', async () => {
    const input = { ...baseInput, name: 'semantic-search-cache' };
    const cacheNames = bucketAccessNames('semantic-search', input.name);
    const failure = new Error('OpenBao write refused');
    const spy = jest
      .spyOn(openbao(), 'writeSecret')
      .mockRejectedValueOnce(failure);
    try {
      const { error } = await run(input);
      expect(error).toBe(failure);
    } finally {
      spy.mockRestore();
    }
    expect(await storage().admin.getUser(cacheNames.accessKey)).toBeUndefined();
    expect(
      await storage().admin.getCannedPolicy(cacheNames.policyName),
    ).toBeUndefined();

    const { error } = await run(input);
    expect(error).toBeUndefined();
    const stored = await storedKeys(cacheNames.credentialsPath);
    expect(stored?.customMetadata['runtime-portal-credentials']).toBe('ready');
    await expect(
      serviceClient(stored!.data).headBucket(input.name),
    ).resolves.toBe(true);
  });

  it('creates no user and needs no OpenBao with credentials: false', async () => {
    const input = {
      ...baseInput,
      name: 'semantic-search-public',
      credentials: false,
    };
    const { ctx, error } = await run(input);
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).not.toHaveProperty('credentialsPath');
    const publicNames = bucketAccessNames('semantic-search', input.name);
    expect(
      await storage().admin.getUser(publicNames.accessKey),
    ).toBeUndefined();
    expect(await storedKeys(publicNames.credentialsPath)).toBeUndefined();
  });

  it("lets the service's Kubernetes account read its keys when the namespace is given", async () => {
    const input = {
      ...baseInput,
      name: 'semantic-search-reports',
      namespace: 'team-search',
    };
    const roleName = 'runtime_bucket_semantic-search-reports';
    const dry = await run(input, { isDryRun: true });
    expect(dry.ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `readable by team-search/semantic-search through role ${roleName}`,
      ),
    );
    expect(await openbao().readKubernetesAuthRole(roleName)).toBeUndefined();

    const { ctx, error } = await run(input);
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({ roleName });
    expect((await openbao().readAclPolicy(roleName))?.policy).toContain(
      'secret/data/semantic-search/buckets/semantic-search-reports',
    );
    expect(await openbao().readKubernetesAuthRole(roleName)).toMatchObject({
      boundServiceAccountNames: ['semantic-search'],
      boundServiceAccountNamespaces: ['team-search'],
      tokenPolicies: [roleName],
    });
  });
});
