import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EXPIRATION_RULE_ID,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { FOREIGN_BUCKET_NAME, Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  outputsOf,
  sandboxClients,
  startTestSandbox,
  ActionRunOptions,
  TEST_USERS,
  runActionOnce,
} from '../__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from './bucketCreate';

const baseInput = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
  name: 'semantic-search-data',
  expirationDays: 30,
};

describe('runtime:bucket:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const storage = () => clients.client('dev', 'objectStorage');
  const bucketNames = async () =>
    (await storage().listBuckets()).map(b => b.name);

  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(createRuntimeBucketAction, clients, input, options);

  it('dry run validates, reports the plan and creates nothing', async () => {
    const { ctx, error } = await run(
      { ...baseInput, name: 'dry-bucket' },
      {
        isDryRun: true,
      },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      bucket: 'dry-bucket',
      endpoint: sandbox.urls.s3,
      entityRef: 'resource:default/dev-bucket-dry-bucket',
      policyName: 'runtime-bucket-dry-bucket',
      credentialsPath: 'semantic-search/buckets/dry-bucket',
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Dry run: would create the bucket dry-bucket'),
    );
    expect(await bucketNames()).not.toContain('dry-bucket');
  });

  it('creates a tagged, versioned bucket with expiry, granting nothing anonymously', async () => {
    const { ctx, error, auditEvent } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      bucket: 'semantic-search-data',
      endpoint: sandbox.urls.s3,
      entityRef: 'resource:default/dev-bucket-semantic-search-data',
      policyName: 'runtime-bucket-semantic-search-data',
      credentialsPath: 'semantic-search/buckets/semantic-search-data',
    });
    expect(auditEvent.success).toHaveBeenCalled();
    const name = 'semantic-search-data';
    expect(await storage().getTags(name)).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect(await storage().getVersioning(name)).toBe('Enabled');
    expect(await storage().getLifecycle(name)).toMatchObject({
      expirationDays: 30,
      rules: [expect.objectContaining({ id: EXPIRATION_RULE_ID })],
    });
    expect(await storage().getPolicy(name)).toBeUndefined();
  });

  it('a second run is a no-op success', async () => {
    const { error } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(
      (await bucketNames()).filter(n => n === 'semantic-search-data'),
    ).toHaveLength(1);
    expect(await storage().getLifecycle('semantic-search-data')).toMatchObject({
      expirationDays: 30,
    });
  });

  it('deletes a bucket it just created when configuring it fails, so nothing is left behind', async () => {
    const failure = new Error('lifecycle rejected');
    const spy = jest
      .spyOn(storage(), 'setExpiration')
      .mockRejectedValueOnce(failure);
    try {
      const { error } = await run({ ...baseInput, name: 'half-made-bucket' });
      expect(error).toBe(failure);
    } finally {
      spy.mockRestore();
    }
    expect(await bucketNames()).not.toContain('half-made-bucket');
    const { error } = await run({ ...baseInput, name: 'half-made-bucket' });
    expect(error).toBeUndefined();
    expect(await bucketNames()).toContain('half-made-bucket');
  });

  it("refuses another claim's bucket (a platform admin for another team and service), in dry run and for real, and changes nothing", async () => {
    for (const isDryRun of [true, false]) {
      const { error } = await run(
        {
          ...baseInput,
          owner: 'group:default/other-team',
          service: 'other-service',
        },
        { isDryRun, user: TEST_USERS.admin },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "belongs to owner 'search-team', service 'semantic-search'",
      );
    }
    expect((await storage().getTags('semantic-search-data')).owner).toBe(
      'search-team',
    );
  });

  it('refuses a name another account owns', async () => {
    const { error } = await run({ ...baseInput, name: FOREIGN_BUCKET_NAME });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain('already taken by another account');
  });

  it.each([
    [{ name: 'Bad_Bucket' }, 'name: may contain only lowercase letters'],
    [{ name: '10.0.0.1' }, 'name: must not be formatted as an IP address'],
    [{ expirationDays: 0 }, 'expirationDays: must be at least 1 day'],
    [{ expirationDays: 1.5 }, 'expirationDays: must be a whole number'],
    [{ service: 'Semantic' }, 'service:'],
    [{ environment: 'prod' }, "environment: 'prod' is not a configured"],
  ])(
    'rejects invalid input %j with an error naming the field',
    async (change, message) => {
      const before = await bucketNames();
      const { error } = await run({ ...baseInput, ...change });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(await bucketNames()).toEqual(before);
    },
  );

  it('refuses a user without runtime.bucket.create and creates nothing', async () => {
    const { error } = await run(
      { ...baseInput, name: 'denied-bucket' },
      { result: AuthorizeResult.DENY },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toContain('runtime.bucket.create');
    expect(await bucketNames()).not.toContain('denied-bucket');
  });
});
