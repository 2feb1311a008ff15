import {
  RuntimeClients,
  bucketAccessNames,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { FOREIGN_BUCKET_NAME, Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  outputsOf,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import {
  creator,
  dependentOn,
  devResourceRef,
  retirementKit,
} from '../__testUtils__/retirementTestKit';
import { putTestObject } from './__testUtils__/putTestObject';
import { createRuntimeBucketAction } from './bucketCreate';
import { createRuntimeBucketDeleteAction } from './bucketDelete';

/** The ref the catalog module gives the bucket. */
const bucketRef = (name: string) => devResourceRef('bucket', name);

const service = 'semantic-search';

/** Every line a delete of a bucket made with credentials and a namespace reports, in order. */
function everything(bucket: string, objects = false): string[] {
  const { accessKey, policyName, credentialsPath } = bucketAccessNames(
    service,
    bucket,
  );
  return [
    `MinIO bucket ${bucket}${objects ? ' with all its objects' : ''}`,
    `OpenBao Kubernetes auth role runtime_bucket_${bucket}`,
    `OpenBao ACL policy runtime_bucket_${bucket}`,
    `MinIO user ${accessKey}`,
    `MinIO policy ${policyName}`,
    `OpenBao secret ${credentialsPath} (the bucket's keys, all versions)`,
  ];
}

describe('runtime:bucket:delete', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const storage = () => clients.client('dev', 'objectStorage');

  const create = creator(createRuntimeBucketAction, () => clients);
  const { retire, steps } = retirementKit(
    createRuntimeBucketDeleteAction,
    { sandbox: () => sandbox, clients: () => clients, create, everything },
    bucketRef,
  );

  it('dry run lists exactly what would go and changes nothing', async () => {
    const { outputs } = await steps.dryRunChangesNothing('dry-bucket');
    expect(outputs).toEqual({
      entityRef: bucketRef('dry-bucket'),
      removed: everything('dry-bucket'),
      dependents: [],
    });
  });

  it('removes everything the create made, and only that; a second run has nothing to do', async () => {
    await steps.removesWhatTheCreateMade(
      'data-bucket',
      'neighbour-bucket',
      async () => {
        expect(await storage().headBucket('neighbour-bucket')).toBe(true);
      },
    );
  });

  it('finishes the job when a run stopped after deleting the bucket: the stored keys carry the claim', async () => {
    const before = await sandbox.snapshot();
    await create('halfway-bucket');
    await storage().deleteBucket('halfway-bucket');
    const { ctx, error } = await retire({ name: 'halfway-bucket' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).removed).toEqual(
      everything('halfway-bucket').slice(1),
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('removes only the bucket when it was made without credentials', async () => {
    const before = await sandbox.snapshot();
    await create('bare-bucket', { credentials: false, namespace: undefined });
    const { ctx, error } = await retire({ name: 'bare-bucket' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).removed).toEqual(['MinIO bucket bare-bucket']);
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses a bucket that holds objects unless force, which deletes them with it', async () => {
    const before = await sandbox.snapshot();
    await create('full-bucket');
    await putTestObject(sandbox, 'full-bucket', 'report.csv', 'a,b\n1,2\n');
    const full = await sandbox.snapshot();

    const refused = await retire({ name: 'full-bucket' });
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toBe(
      'Bucket full-bucket still holds objects; empty it first, or run again with force to delete them with the bucket',
    );
    expect(await sandbox.snapshot()).toEqual(full);

    const dry = await retire({ name: 'full-bucket' }, { isDryRun: true });
    expect(dry.error).toBeUndefined();
    expect(dry.ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('the real run would be refused'),
    );
    expect(await sandbox.snapshot()).toEqual(full);

    const forced = await retire({ name: 'full-bucket', force: true });
    expect(forced.error).toBeUndefined();
    expect(outputsOf(forced.ctx).removed).toEqual(
      everything('full-bucket', true),
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is refused while a catalog entity depends on the bucket, unless force', async () => {
    await create('depended-bucket');
    const entities = [dependentOn(bucketRef('depended-bucket'))];
    await steps.refusedWhileDepended('depended-bucket', entities);
    await steps.forcedWhileDepended('depended-bucket', entities);
    expect(await storage().headBucket('depended-bucket')).toBe(false);
  });

  it("refuses a user of another team who types search-team's names, before anything is removed", async () => {
    await create('target-bucket');
    const before = await sandbox.snapshot();
    const asOwner = await retire(
      { name: 'target-bucket', force: true },
      { user: TEST_USERS.assistant },
    );
    expect(asOwner.error?.name).toBe('NotAllowedError');
    const asService = await retire(
      {
        owner: 'group:default/assistant-team',
        name: 'target-bucket',
        force: true,
      },
      { user: TEST_USERS.assistant },
    );
    expect(asService.error?.name).toBe('NotAllowedError');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses a team whose claim differs on a service the catalog does not know', async () => {
    // `unlisted` is in no catalog, so only the bucket's tags protect search-team's bucket.
    await create('unlisted-bucket', { service: 'unlisted' });
    const before = await sandbox.snapshot();
    const { error } = await retire(
      {
        owner: 'group:default/assistant-team',
        service: 'unlisted',
        name: 'unlisted-bucket',
        force: true,
      },
      { user: TEST_USERS.assistant },
    );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain(
      "Bucket unlisted-bucket already exists and belongs to owner 'search-team'",
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it("refuses another account's bucket", async () => {
    const before = await sandbox.snapshot();
    const { error } = await retire({ name: FOREIGN_BUCKET_NAME, force: true });
    expect(error?.name).toBe('ConflictError');
    expect(await sandbox.snapshot()).toEqual(before);
  });
});
