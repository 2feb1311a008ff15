import { Entity } from '@backstage/catalog-model';
import { runtimeResourceEntityName } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClients,
  bucketAccessNames,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { FOREIGN_BUCKET_NAME, Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { putTestObject } from './__testUtils__/putTestObject';
import { createRuntimeBucketAction } from './bucketCreate';
import { createRuntimeBucketDeleteAction } from './bucketDelete';

/** The ref the catalog module gives the bucket (it names entities with the same function). */
const bucketRef = (name: string) =>
  `resource:default/${runtimeResourceEntityName({
    environment: 'dev',
    type: 'bucket',
    name,
  })}`;

/** A component that depends on the resource `targetRef`, as the catalog relates them. */
function dependent(name: string, targetRef: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
    relations: [{ type: 'dependsOn', targetRef }],
  };
}

const owner = 'group:default/search-team';
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

  async function create(name: string, input: Record<string, unknown> = {}) {
    const { error } = await runActionOnce(createRuntimeBucketAction, clients, {
      environment: 'dev',
      owner,
      service,
      name,
      namespace: 'team-search',
      ...input,
    });
    expect(error).toBeUndefined();
  }

  const retire = (input: Record<string, unknown>, options?: ActionRunOptions) =>
    runActionOnce(
      createRuntimeBucketDeleteAction,
      clients,
      { environment: 'dev', owner, service, ...input },
      options,
    );

  it('dry run lists exactly what would go and changes nothing', async () => {
    await create('dry-bucket');
    const before = await sandbox.snapshot();
    const { ctx, error } = await retire(
      { name: 'dry-bucket' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: bucketRef('dry-bucket'),
      removed: everything('dry-bucket'),
      dependents: [],
    });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('removes everything the create made, and only that; a second run has nothing to do', async () => {
    await create('neighbour-bucket');
    const before = await sandbox.snapshot();
    await create('data-bucket');
    expect(await sandbox.snapshot()).not.toEqual(before);

    const { ctx, error, auditEvent } = await retire({ name: 'data-bucket' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: bucketRef('data-bucket'),
      removed: everything('data-bucket'),
      dependents: [],
    });
    expect(auditEvent.success).toHaveBeenCalled();
    expect(await sandbox.snapshot()).toEqual(before);
    expect(await storage().headBucket('neighbour-bucket')).toBe(true);

    const again = await retire({ name: 'data-bucket' });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).removed).toEqual([]);
    expect(await sandbox.snapshot()).toEqual(before);
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
    const entities = [dependent('search-ui', bucketRef('depended-bucket'))];
    const before = await sandbox.snapshot();

    const refused = await retire({ name: 'depended-bucket' }, { entities });
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toContain('component:default/search-ui');
    expect(await sandbox.snapshot()).toEqual(before);

    const forced = await retire(
      { name: 'depended-bucket', force: true },
      { entities },
    );
    expect(forced.error).toBeUndefined();
    expect(outputsOf(forced.ctx)).toMatchObject({
      removed: everything('depended-bucket'),
      dependents: ['component:default/search-ui'],
    });
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
