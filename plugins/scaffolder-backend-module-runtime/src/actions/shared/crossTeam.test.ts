import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  RuntimeClients,
  bucketAccessNames,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  readStoredSecret,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from '../bucket/bucketCreate';
import { createRuntimeSecretAction } from '../secret/secretCreate';
import { registerRuntimeActions } from '../../registry';

/**
 * The attack: a member of search-team (team A) tries to rewrite, rebind and expire what
 * assistant-team (team B) made, through the scaffolder action and through the actions registry.
 * Every attempt is refused with a 403 or 409 that says why, and B's objects in OpenBao and MinIO are
 * the same, field by field, afterwards.
 */

const A = TEST_USERS.search;
const B = TEST_USERS.assistant;

const bSecret = {
  environment: 'dev',
  owner: 'assistant-team',
  service: 'chat-assistant',
  name: 'api-key',
  keys: ['API_KEY'],
  namespace: 'team-assistant',
};
const bSecretValues = { API_KEY: 'b-team-s3cr3t' };
const bBucket = {
  environment: 'dev',
  owner: 'assistant-team',
  service: 'chat-assistant',
  name: 'chat-assistant-history',
  expirationDays: 30,
  namespace: 'team-assistant',
};
/** A bucket of a service the catalog does not know yet (only the upstream claims protect it). */
const bNewServiceBucket = {
  ...bBucket,
  service: 'chat-worker',
  name: 'chat-worker-cache',
};

type Channel = 'scaffolder' | 'registry';
const CHANNELS: Channel[] = ['scaffolder', 'registry'];

describe('provisioning actions refuse what the caller may not do', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    for (const input of [bBucket, bNewServiceBucket]) {
      const made = await runActionOnce(
        createRuntimeBucketAction,
        clients,
        input,
        { user: B },
      );
      if (made.error) throw made.error;
    }
    const made = await runActionOnce(
      createRuntimeSecretAction,
      clients,
      bSecret,
      { user: B, secrets: bSecretValues },
    );
    if (made.error) throw made.error;
  });
  afterAll(() => sandbox.close());

  const openbao = () => clients.client('dev', 'openbao');
  const storage = () => clients.client('dev', 'objectStorage');

  /** Everything of B's in OpenBao and MinIO that an attack could change. */
  async function snapshotOfB() {
    const secretName = 'runtime_secret_chat-assistant_api-key';
    const buckets = await Promise.all(
      [bBucket, bNewServiceBucket].map(async bucket => {
        const names = bucketAccessNames(bucket.service, bucket.name);
        const reader = `runtime_bucket_${bucket.name}`;
        return {
          tags: await storage().getTags(bucket.name),
          versioning: await storage().getVersioning(bucket.name),
          lifecycle: await storage().getLifecycle(bucket.name),
          minioPolicy: await storage().admin.getCannedPolicy(names.policyName),
          minioUser: await storage().admin.getUser(names.accessKey),
          keys: await readStoredSecret(sandbox, names.credentialsPath),
          keysMetadata: await openbao().readSecretMetadata(
            names.credentialsPath,
          ),
          readerPolicy: await openbao().readAclPolicy(reader),
          readerRole: await openbao().readKubernetesAuthRole(reader),
        };
      }),
    );
    return {
      secret: await readStoredSecret(sandbox, 'chat-assistant/api-key'),
      secretMetadata: await openbao().readSecretMetadata(
        'chat-assistant/api-key',
      ),
      policy: await openbao().readAclPolicy(secretName),
      role: await openbao().readKubernetesAuthRole(secretName),
      buckets,
    };
  }

  /** Runs an action as `user` through `channel`; returns what it threw (if anything). */
  async function attempt(
    channel: Channel,
    action: 'secret' | 'bucket',
    input: Record<string, unknown>,
    user: string,
    secrets?: Record<string, string>,
  ): Promise<Error | undefined> {
    if (channel === 'scaffolder') {
      const create =
        action === 'secret'
          ? createRuntimeSecretAction
          : createRuntimeBucketAction;
      const { error, auditor, auditEvent } = await runActionOnce(
        create,
        clients,
        input,
        { user, secrets },
      );
      if (error && error.name === 'NotAllowedError') {
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: `runtime-${action}-create`,
            meta: expect.objectContaining({ initiator: user, refused: true }),
          }),
        );
        expect(auditEvent.fail).toHaveBeenCalledWith({ error });
      }
      return error;
    }
    const registry = actionsRegistryServiceMock();
    registerRuntimeActions(registry, testDeps(clients).deps);
    try {
      await registry.invoke({
        id: `test:runtime-${action}-create`,
        input: input as JsonObject,
        secrets,
        credentials: mockCredentials.user(user),
      });
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  describe.each(CHANNELS)('through the %s', channel => {
    it.each([
      [
        "rebinds B's secret policy and role to A's namespace, as B",
        'secret',
        { ...bSecret, namespace: 'team-search', serviceAccount: 'thief' },
        'NotAllowedError',
        `${A} is not a member of group:default/assistant-team`,
      ],
      [
        "rewrites B's secret under A's own team, naming B's service",
        'secret',
        { ...bSecret, owner: 'search-team', namespace: 'team-search' },
        'NotAllowedError',
        'service chat-assistant (component:default/chat-assistant) is owned by group:default/assistant-team, not group:default/search-team',
      ],
      [
        "expires B's bucket after a day, as B",
        'bucket',
        { ...bBucket, expirationDays: 1 },
        'NotAllowedError',
        `${A} is not a member of group:default/assistant-team`,
      ],
      [
        "expires B's bucket after a day under A's own team and service",
        'bucket',
        {
          ...bBucket,
          owner: 'search-team',
          service: 'semantic-search',
          namespace: 'team-search',
          expirationDays: 1,
        },
        'ConflictError',
        "Bucket chat-assistant-history already exists and belongs to owner 'assistant-team', service 'chat-assistant'",
      ],
      [
        "takes B's bucket of a service the catalog does not know yet, with a reader in A's namespace",
        'bucket',
        {
          ...bNewServiceBucket,
          owner: 'search-team',
          namespace: 'team-search',
          versioning: false,
          expirationDays: 1,
        },
        'ConflictError',
        "belongs to owner 'assistant-team', service 'chat-worker', not search-team/chat-worker",
      ],
      [
        "uses B's namespace for A's own secret",
        'secret',
        {
          ...bSecret,
          owner: 'search-team',
          service: 'semantic-search',
          name: 'in-their-namespace',
        },
        'NotAllowedError',
        'namespace team-assistant in dev belongs to group:default/assistant-team, not group:default/search-team',
      ],
    ] as const)(
      'refuses A when it %s, and B keeps everything',
      async (_what, action, input, errorName, why) => {
        const before = await snapshotOfB();
        const error = await attempt(
          channel,
          action,
          input,
          A,
          action === 'secret' ? { API_KEY: 'a-team-value' } : undefined,
        );
        expect(error?.name).toBe(errorName);
        expect(error?.message).toContain(why);
        expect(await snapshotOfB()).toEqual(before);
      },
    );

    it('refuses a service principal, which is no user of any team', async () => {
      if (channel === 'scaffolder') return;
      const registry = actionsRegistryServiceMock();
      registerRuntimeActions(registry, testDeps(clients).deps);
      const before = await snapshotOfB();
      await expect(
        registry.invoke({
          id: 'test:runtime-bucket-create',
          input: { ...bBucket, expirationDays: 1 },
          credentials: mockCredentials.service() as BackstageCredentials<any>,
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('only a signed-in user'),
      });
      expect(await snapshotOfB()).toEqual(before);
    });
  });

  it("names built to collide make A's own objects and leave B's alone", async () => {
    const before = await snapshotOfB();
    // Joined with '-', service 'chat' + secret 'assistant-api-key' was B's 'chat-assistant-api-key',
    // and service 'chat-worker' + secret 'bucket-chat-worker-cache' was the reader of B's bucket.
    for (const [service, name] of [
      ['chat', 'assistant-api-key'],
      ['chat-worker', 'bucket-chat-worker-cache'],
    ]) {
      const { error, ctx } = await runActionOnce(
        createRuntimeSecretAction,
        clients,
        {
          ...bSecret,
          owner: 'search-team',
          service,
          name,
          namespace: 'team-search',
        },
        { user: A, secrets: { API_KEY: 'a-team-value' } },
      );
      expect(error).toBeUndefined();
      expect(ctx.output).toHaveBeenCalledWith(
        'policyName',
        `runtime_secret_${service}_${name}`,
      );
    }
    expect(await snapshotOfB()).toEqual(before);
  });

  it('lets a platform admin act for B, in B’s namespace only', async () => {
    const admin = TEST_USERS.admin;
    const made = await runActionOnce(
      createRuntimeSecretAction,
      clients,
      { ...bSecret, name: 'admin-made' },
      { user: admin, secrets: { API_KEY: 'admin-value' } },
    );
    expect(made.error).toBeUndefined();
    expect(
      (await openbao().readSecretMetadata('chat-assistant/admin-made'))
        ?.customMetadata,
    ).toEqual({ owner: 'assistant-team', service: 'chat-assistant' });

    const elsewhere = await runActionOnce(
      createRuntimeSecretAction,
      clients,
      { ...bSecret, name: 'admin-elsewhere', namespace: 'team-search' },
      { user: admin, secrets: { API_KEY: 'admin-value' } },
    );
    expect(elsewhere.error?.name).toBe('NotAllowedError');
    expect(elsewhere.error?.message).toContain(
      'namespace team-search in dev belongs to group:default/search-team, not group:default/assistant-team',
    );

    const reconfigured = await runActionOnce(
      createRuntimeBucketAction,
      clients,
      { ...bBucket, expirationDays: 7 },
      { user: admin },
    );
    expect(reconfigured.error).toBeUndefined();
    expect(await storage().getLifecycle(bBucket.name)).toMatchObject({
      rules: [expect.objectContaining({ expirationDays: 7 })],
    });
  });

  it.each([1, 2, 3])(
    'of two concurrent first runs for the same secret by different teams, exactly one wins (round %i)',
    async round => {
      const service = `contested-${round}`;
      const runFor = (user: string, owner: string, namespace: string) =>
        runActionOnce(
          createRuntimeSecretAction,
          clients,
          { ...bSecret, owner, service, name: 'token', namespace },
          { user, secrets: { API_KEY: `${owner}-value` } },
        );
      const results = await Promise.all([
        runFor(A, 'search-team', 'team-search'),
        runFor(B, 'assistant-team', 'team-assistant'),
      ]);
      const winners = results.filter(r => !r.error);
      const losers = results.filter(r => r.error);
      expect(winners).toHaveLength(1);
      expect(losers.map(l => l.error?.name)).toEqual(['ConflictError']);

      const winner =
        winners[0] === results[0] ? 'search-team' : 'assistant-team';
      const namespace =
        winner === 'search-team' ? 'team-search' : 'team-assistant';
      const path = `${service}/token`;
      const grant = `runtime_secret_${service}_token`;
      expect(
        (await openbao().readSecretMetadata(path))?.customMetadata,
      ).toEqual({ owner: winner, service });
      expect(await readStoredSecret(sandbox, path)).toEqual({
        data: { API_KEY: `${winner}-value` },
        version: 1,
      });
      expect(
        (await openbao().readKubernetesAuthRole(grant))
          ?.boundServiceAccountNamespaces,
      ).toEqual([namespace]);
      expect((await openbao().readAclPolicy(grant))?.policy).toContain(
        `for owner ${winner}, service ${service}`,
      );
    },
  );

  it('of two concurrent first runs for the same bucket by different teams, exactly one wins', async () => {
    const name = 'contested-bucket';
    const runFor = (user: string, owner: string, namespace: string) =>
      runActionOnce(
        createRuntimeBucketAction,
        clients,
        { ...bBucket, owner, service: 'contested', name, namespace },
        { user },
      );
    const results = await Promise.all([
      runFor(A, 'search-team', 'team-search'),
      runFor(B, 'assistant-team', 'team-assistant'),
    ]);
    const winners = results.filter(r => !r.error);
    expect(winners).toHaveLength(1);
    expect(results.filter(r => r.error).map(r => r.error?.name)).toEqual([
      'ConflictError',
    ]);
    const winner = winners[0] === results[0] ? 'search-team' : 'assistant-team';
    expect(await storage().getTags(name)).toEqual({
      owner: winner,
      service: 'contested',
    });
    const names = bucketAccessNames('contested', name);
    expect(
      (await openbao().readSecretMetadata(names.credentialsPath))
        ?.customMetadata,
    ).toMatchObject({ owner: winner, service: 'contested' });
  });
});
