import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ObjectStorageClient,
  RuntimeClients,
  bucketAccessNames,
  bucketKeysGrantName,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  readStoredSecret,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from './bucketCreate';
import { createRuntimeBucketRotateCredentialsAction } from './bucketRotateCredentials';

const BUCKET = 'semantic-search-models';
const names = bucketAccessNames('semantic-search', BUCKET);
const input = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
  name: BUCKET,
};

describe('runtime:bucket:rotate-credentials', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    const { error } = await runActionOnce(createRuntimeBucketAction, clients, {
      ...input,
      namespace: 'team-search',
    });
    if (error) throw error;
  });
  afterAll(() => sandbox.close());

  const openbao = () => clients.client('dev', 'openbao');
  const rotate = (
    change: Record<string, unknown> = {},
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      createRuntimeBucketRotateCredentialsAction,
      clients,
      { ...input, ...change },
      options,
    );
  const storedKeys = async () =>
    (await readStoredSecret(sandbox, names.credentialsPath))!;
  /** Whether the bucket answers a client signing with `keys` (the refusal's reason otherwise). */
  const usable = async (keys: Record<string, string>) => {
    const client = new ObjectStorageClient({
      environment: 'dev',
      access: {
        ...clients.environment('dev').objectStorage!,
        accessKeyId: keys.accessKey,
        secretAccessKey: keys.secretKey,
      },
    });
    try {
      return await client.headBucket(BUCKET);
    } catch (error) {
      if (isRuntimeUpstreamError(error, 'Forbidden')) return 'refused';
      throw error;
    }
  };
  const readers = async () => ({
    policy: await openbao().readAclPolicy(bucketKeysGrantName(BUCKET)),
    role: await openbao().readKubernetesAuthRole(bucketKeysGrantName(BUCKET)),
    user: await clients
      .client('dev', 'objectStorage')
      .admin.getUser(names.accessKey),
  });

  it('dry run reports the version it would write and changes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error, said } = await rotate({}, { isDryRun: true });
    expect(error).toBeUndefined();
    expect(said).toContain(
      `would issue a new secret key for MinIO user ${names.accessKey}`,
    );
    expect(outputsOf(ctx)).toMatchObject({
      credentialsPath: names.credentialsPath,
      version: 2,
    });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('stores new keys where the create stored them; the old ones are refused, the readers unchanged', async () => {
    const old = await storedKeys();
    expect(await usable(old.data)).toBe(true);
    const readersBefore = await readers();
    expect(readersBefore.policy).toBeDefined();

    const { ctx, error, said, auditEvent } = await rotate();
    expect(error).toBeUndefined();
    expect(auditEvent.success).toHaveBeenCalled();
    const now = await storedKeys();
    expect(now.version).toBe(old.version + 1);
    expect(outputsOf(ctx)).toMatchObject({
      bucket: BUCKET,
      credentialsPath: names.credentialsPath,
      version: now.version,
    });
    expect(now.data).toEqual({
      ...old.data,
      secretKey: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
    });
    expect(now.data.secretKey).not.toBe(old.data.secretKey);
    expect(said).not.toContain(now.data.secretKey);
    expect(said).not.toContain(old.data.secretKey);

    expect(await usable(now.data)).toBe(true);
    expect(await usable(old.data)).toBe('refused');
    expect(await readers()).toEqual(readersBefore);
    expect(
      (await openbao().readSecretMetadata(names.credentialsPath))
        ?.customMetadata,
    ).toMatchObject({ owner: 'search-team', service: 'semantic-search' });
  });

  it('a run that fails after MinIO took the new key is completed by the next run', async () => {
    const old = await storedKeys();
    const failure = new Error('OpenBao went away');
    const spy = jest
      .spyOn(openbao(), 'writeSecret')
      .mockRejectedValueOnce(failure);
    try {
      expect((await rotate()).error).toBe(failure);
    } finally {
      spy.mockRestore();
    }
    expect((await storedKeys()).version).toBe(old.version);
    expect(
      (await openbao().readSecretMetadata(names.credentialsPath))
        ?.customMetadata['runtime-portal-credentials'],
    ).toBe('issuing');

    const { error } = await rotate();
    expect(error).toBeUndefined();
    const now = await storedKeys();
    expect(now.version).toBe(old.version + 1);
    expect(await usable(now.data)).toBe(true);
    expect(await usable(old.data)).toBe('refused');
    expect(
      (await openbao().readSecretMetadata(names.credentialsPath))
        ?.customMetadata['runtime-portal-credentials'],
    ).toBe('ready');
  });

  it("refuses another team's bucket, in dry run and for real, and changes nothing", async () => {
    const before = await sandbox.snapshot();
    const keys = await storedKeys();
    for (const isDryRun of [true, false]) {
      const { error } = await rotate(
        { owner: 'group:default/assistant-team', service: 'chat-assistant' },
        { isDryRun, user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "belongs to owner 'search-team', service 'semantic-search'",
      );
    }
    expect(await sandbox.snapshot()).toEqual(before);
    expect(await usable(keys.data)).toBe(true);
  });

  it('is NotFound for a bucket without credentials, and needs runtime.bucket.update', async () => {
    const bare = await runActionOnce(createRuntimeBucketAction, clients, {
      ...input,
      name: 'semantic-search-bare',
      credentials: false,
    });
    expect(bare.error).toBeUndefined();
    const before = await sandbox.snapshot();
    const missing = await rotate({ name: 'semantic-search-bare' });
    expect(missing.error?.name).toBe('NotFoundError');
    const denied = await rotate({}, { result: AuthorizeResult.DENY });
    expect(denied.error?.name).toBe('NotAllowedError');
    expect(denied.error?.message).toContain('runtime.bucket.update');
    expect(await sandbox.snapshot()).toEqual(before);
  });
});
