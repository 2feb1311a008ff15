import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox, SandboxSnapshot } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
  testDeps,
} from '../actions/__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from '../actions/bucket/bucketCreate';
import { createRuntimeSecretAction } from '../actions/secret/secretCreate';
import { expiringEntity } from './__testUtils__/expiringEntity';
import { testNotices } from './__testUtils__/testNotices';
import { createResourceExpiryTask } from './resourceExpiryTask';

const owner = 'group:default/search-team';
const service = 'semantic-search';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-12-01T12:00:00Z');
/** The expiry: five days after T0. */
const EXPIRES_AT = '2026-12-06T12:00:00Z';

describe('runtime-resource-expiry', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  let admin: RuntimeClients;
  let beforeExpiring: SandboxSnapshot;
  let entities: Entity[];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    admin = sandboxAdminClients(sandbox);
    // search-team's bucket, which a forged entity below claims is assistant-team's
    await createBucket('victim-bucket');
    beforeExpiring = await sandbox.snapshot();
    await createBucket('expiring-bucket');
    await recordBucketExpiry('expiring-bucket');
    const { error } = await runActionOnce(
      createRuntimeSecretAction,
      clients,
      {
        environment: 'dev',
        owner,
        service,
        name: 'expiring-secret',
        keys: ['token'],
        namespace: 'team-search',
      },
      { secrets: { token: 'not-a-real-token' }, user: TEST_USERS.search },
    );
    if (error) throw error;
    await recordSecretExpiry(`${service}/expiring-secret`);
    entities = [
      // the attack: an entity whose owner and service are not the resource's recorded claim
      expiringEntity({
        type: 'bucket',
        name: 'victim-bucket',
        upstreamRef: 's3://victim-bucket',
        owner: 'group:default/assistant-team',
        service: 'chat-assistant',
        expiresAt: EXPIRES_AT,
      }),
      expiringEntity({
        type: 'bucket',
        name: 'expiring-bucket',
        upstreamRef: 's3://expiring-bucket',
        owner,
        service,
        expiresAt: EXPIRES_AT,
      }),
      expiringEntity({
        type: 'secret',
        name: `${service}/expiring-secret`,
        upstreamRef: `secret/${service}/expiring-secret`,
        owner,
        service,
        expiresAt: EXPIRES_AT,
      }),
      // the bucket's stored keys carry its expiry too: retired and announced with the bucket only
      expiringEntity({
        type: 'secret',
        name: `${service}/buckets/expiring-bucket`,
        upstreamRef: `secret/${service}/buckets/expiring-bucket`,
        owner,
        service,
        expiresAt: EXPIRES_AT,
      }),
    ];
  });
  afterAll(() => sandbox.close());

  async function createBucket(name: string) {
    const { error } = await runActionOnce(createRuntimeBucketAction, clients, {
      environment: 'dev',
      owner,
      service,
      name,
      namespace: 'team-search',
    });
    if (error) throw error;
  }

  /** Records the expiry as the create action will (`expiresAfter`): a bucket tag. */
  async function recordBucketExpiry(name: string) {
    const storage = admin.client('dev', 'objectStorage');
    const tags = await storage.getTags(name);
    await storage.setTags(name, {
      ...tags,
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: '20261206T120000Z',
    });
  }

  /** Records the expiry as the create action will: the secret's custom metadata, with its claim. */
  async function recordSecretExpiry(path: string) {
    const openbao = admin.client('dev', 'openbao');
    const metadata = await openbao.readSecretMetadata(path);
    if (!metadata) throw new Error(`secret ${path} was not created`);
    await openbao.writeSecretMetadata(path, {
      customMetadata: {
        ...metadata.customMetadata,
        [RUNTIME_EXPIRES_AT_METADATA_KEY]: EXPIRES_AT,
      },
    });
  }

  /** The task against the sandbox and a catalog of `entities`, at a clock the test moves. */
  async function expiryTask() {
    let now = new Date(T0);
    const { deps, auditor } = testDeps(
      clients,
      AuthorizeResult.DENY, // a system run does not ask the permission framework
      entities,
    );
    const send = jest.fn<
      ReturnType<NotificationService['send']>,
      Parameters<NotificationService['send']>
    >(async () => undefined);
    const run = createResourceExpiryTask({
      actions: deps,
      notifications: { send },
      notices: await testNotices(databases),
      logger: mockServices.logger.mock(),
      config: { frequency: { minutes: 10 }, notifyDaysBefore: 3 },
      now: () => now,
    });
    return {
      run,
      send,
      auditor,
      setNow: (ms: number) => {
        now = new Date(ms);
      },
    };
  }

  const refOf = (i: number) => stringifyEntityRef(entities[i]);

  it('notifies the owner group once within the window, retires expired resources as the portal, and never retires a resource whose claim the entity does not match', async () => {
    const { run, send, auditor, setNow } = await expiryTask();

    // five days before: outside the three-day window, nothing happens
    const before = await sandbox.snapshot();
    expect(await run()).toEqual({ notified: [], retired: [], failed: [] });
    expect(send).not.toHaveBeenCalled();
    expect(await sandbox.snapshot()).toEqual(before);

    // two days before: each owner group hears once, with the scope and a link to the entity
    setNow(T0 + 3 * DAY);
    expect(await run()).toEqual({
      notified: [refOf(0), refOf(1), refOf(2)],
      retired: [],
      failed: [],
    });
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: owner },
      payload: expect.objectContaining({
        title: `expiring-bucket (dev) expires at 2026-12-06T12:00:00.000Z`,
        scope: `runtime-expiry:${refOf(1)}`,
        link: `/catalog/default/resource/${entities[1].metadata.name}`,
        topic: 'runtime-expiry',
      }),
    });
    expect(send.mock.calls[0][0].recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/assistant-team',
    });
    expect(await sandbox.snapshot()).toEqual(before);

    // a later run in the window sends nothing more
    setNow(T0 + 4 * DAY);
    expect(await run()).toEqual({ notified: [], retired: [], failed: [] });
    expect(send).toHaveBeenCalledTimes(3);

    // expired: the two are retired (the forged one fails first without stopping them), nobody is notified
    setNow(T0 + 6 * DAY);
    const expired = await run();
    expect(expired.retired).toEqual([refOf(1), refOf(2)]);
    expect(expired.notified).toEqual([]);
    expect(expired.failed).toEqual([
      {
        entityRef: refOf(0),
        error: expect.stringMatching(
          /Bucket victim-bucket .*belongs to owner 'search-team', service 'semantic-search'/,
        ),
      },
    ]);
    expect(send).toHaveBeenCalledTimes(3);
    expect(await sandbox.snapshot()).toEqual(beforeExpiring);
    expect(
      await clients.client('dev', 'objectStorage').headBucket('victim-bucket'),
    ).toBeTruthy();

    // audited as the portal, with reason expired
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'runtime-secret-delete',
        meta: expect.objectContaining({
          initiator: 'system',
          system: true,
          reason: 'expired',
          force: true,
        }),
      }),
    );

    // the entities linger until the catalog refreshes: a re-run has nothing left to remove and notifies no one
    const again = await run();
    expect(again.retired).toEqual([refOf(1), refOf(2)]);
    expect(again.notified).toEqual([]);
    expect(send).toHaveBeenCalledTimes(3);
    expect(await sandbox.snapshot()).toEqual(beforeExpiring);
  });
});
