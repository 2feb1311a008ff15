import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EXPIRATION_RULE_ID,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from './bucketCreate';
import { createRuntimeBucketUpdateAction } from './bucketUpdate';

const BUCKET = 'semantic-search-data';
const input = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
  name: BUCKET,
};

describe('runtime:bucket:update', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    const { error } = await runActionOnce(createRuntimeBucketAction, clients, {
      ...input,
      expirationDays: 30,
      credentials: false,
    });
    if (error) throw error;
  });
  afterAll(() => sandbox.close());

  const storage = () => clients.client('dev', 'objectStorage');
  const update = (
    change: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      createRuntimeBucketUpdateAction,
      clients,
      { ...input, ...change },
      options,
    );
  const settings = async () => ({
    versioning: await storage().getVersioning(BUCKET),
    expiry: (await storage().getLifecycle(BUCKET)).rules.find(
      rule => rule.id === EXPIRATION_RULE_ID,
    )?.expirationDays,
  });

  it('dry run reports what would change and changes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error, said } = await update(
      { versioning: false, expirationDays: 7 },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).changes).toEqual([
      'versioning enabled -> suspended',
      'expiry 30 days -> 7 days',
    ]);
    expect(said).toContain('Dry run: would change bucket semantic-search-data');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('changes only the settings the input names, and a re-run changes nothing', async () => {
    const expiryOnly = await update({ expirationDays: 7 });
    expect(expiryOnly.error).toBeUndefined();
    expect(outputsOf(expiryOnly.ctx).changes).toEqual([
      'expiry 30 days -> 7 days',
    ]);
    expect(await settings()).toEqual({ versioning: 'Enabled', expiry: 7 });

    const versioning = await update({ versioning: false });
    expect(versioning.error).toBeUndefined();
    expect(await settings()).toEqual({ versioning: 'Suspended', expiry: 7 });
    expect((await storage().getTags(BUCKET)).owner).toBe('search-team');

    const before = await sandbox.snapshot();
    const again = await update({ versioning: false, expirationDays: 7 });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).changes).toEqual([]);
    expect(again.said).toContain('already as asked; nothing changed');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('removes the expiry with null and enables versioning again', async () => {
    const { ctx, error } = await update({
      versioning: true,
      expirationDays: null,
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).changes).toEqual([
      'versioning suspended -> enabled',
      'expiry 7 days -> none',
    ]);
    expect(await settings()).toEqual({
      versioning: 'Enabled',
      expiry: undefined,
    });
    const before = await sandbox.snapshot();
    expect((await update({ expirationDays: null })).error).toBeUndefined();
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it("refuses another team's bucket, in dry run and for real, and changes nothing", async () => {
    const before = await sandbox.snapshot();
    for (const isDryRun of [true, false]) {
      const { error } = await update(
        {
          owner: 'group:default/assistant-team',
          service: 'chat-assistant',
          expirationDays: 1,
        },
        { isDryRun, user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "belongs to owner 'search-team', service 'semantic-search'",
      );
    }
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is NotFound for a missing bucket, needs a setting and runtime.bucket.update', async () => {
    const missing = await update({ name: 'no-such-bucket', versioning: true });
    expect(missing.error?.name).toBe('NotFoundError');
    const nothing = await update({});
    expect(nothing.error?.name).toBe('InputError');
    const denied = await update(
      { versioning: false },
      { result: AuthorizeResult.DENY },
    );
    expect(denied.error?.name).toBe('NotAllowedError');
    expect(denied.error?.message).toContain('runtime.bucket.update');
  });
});
