import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { runtimeResourceEntityName } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  readStoredSecret,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeSecretAction } from './secretCreate';
import { createRuntimeSecretRotateAction } from './secretRotate';

const OLD = 'canary-old-s3cr3t-1b9e';
const NEW = 'canary-new-s3cr3t-52c4';
const PATH = 'semantic-search/database';
const GRANT = 'runtime_secret_semantic-search_database';

const input = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  name: 'database',
  keys: ['username', 'password'],
};

describe('runtime:secret:rotate', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    for (const [service, namespace] of [
      ['semantic-search', 'team-search'],
      // not in the catalog, so only the secret's claim protects it
      ['new-service', 'team-search'],
    ]) {
      const { error } = await runActionOnce(
        createRuntimeSecretAction,
        clients,
        { ...input, service, namespace },
        { secrets: { username: 'search', password: OLD } },
      );
      if (error) throw error;
    }
  });
  afterAll(() => sandbox.close());

  const openbao = () => clients.client('dev', 'openbao');
  const rotate = (
    secrets: Record<string, string>,
    change: Record<string, unknown> = {},
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      createRuntimeSecretRotateAction,
      clients,
      { ...input, ...change },
      { ...options, secrets },
    );
  const readers = async () => ({
    policy: await openbao().readAclPolicy(GRANT),
    role: await openbao().readKubernetesAuthRole(GRANT),
  });

  it('dry run reports the new version it would write and changes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error, said } = await rotate(
      { username: 'search', password: NEW },
      {},
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(said).toContain(
      'Dry run: would write version 2 of secret semantic-search/database',
    );
    expect(said).not.toContain(NEW);
    expect(outputsOf(ctx)).toMatchObject({ path: PATH, version: 2 });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('writes a new version with the new values, keeping the claim and the readers, never revealing a value', async () => {
    const readersBefore = await readers();
    expect(readersBefore.policy).toBeDefined();
    const { ctx, error, said, auditEvent } = await rotate({
      username: 'search',
      password: NEW,
    });
    expect(error).toBeUndefined();
    expect(said).not.toContain(NEW);
    expect(said).not.toContain(OLD);
    expect(auditEvent.success).toHaveBeenCalled();
    expect(outputsOf(ctx)).toEqual({
      path: PATH,
      version: 2,
      entityRef: `resource:default/${runtimeResourceEntityName({
        environment: 'dev',
        type: 'secret',
        name: PATH,
      })}`,
    });
    expect(await readStoredSecret(sandbox, PATH)).toEqual({
      data: { username: 'search', password: NEW },
      version: 2,
    });
    const metadata = await openbao().readSecretMetadata(PATH);
    expect(metadata?.customMetadata).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect(JSON.stringify(metadata)).not.toContain(NEW);
    expect(await readers()).toEqual(readersBefore);
  });

  it('a re-run with the same values writes nothing, and its dry run says so', async () => {
    const before = await sandbox.snapshot();
    const again = await rotate({ username: 'search', password: NEW });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).version).toBe(2);
    expect(again.said).toContain('already holds these values');
    const dry = await rotate(
      { username: 'search', password: NEW },
      {},
      { isDryRun: true },
    );
    expect(dry.said).toContain('nothing would be written');
    expect(await sandbox.snapshot()).toEqual(before);
    // other values are a new version again
    const back = await rotate({ username: 'search', password: OLD });
    expect(outputsOf(back.ctx).version).toBe(3);
  });

  it("refuses keys that differ from the secret's unless changeKeys, naming keys and never values", async () => {
    const before = await sandbox.snapshot();
    const { error } = await rotate(
      { username: 'search', password: NEW, token: NEW },
      { keys: ['password', 'token'] },
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      'has the keys password, username; token would be added and username would be removed',
    );
    expect(error?.message).not.toContain(NEW);
    expect(await sandbox.snapshot()).toEqual(before);

    const changed = await rotate(
      { password: NEW, token: NEW },
      { keys: ['password', 'token'], changeKeys: true },
    );
    expect(changed.error).toBeUndefined();
    expect(await readStoredSecret(sandbox, PATH)).toEqual({
      data: { password: NEW, token: NEW },
      version: 4,
    });
  });

  it('refuses a rotation when another one wrote the secret after it was read, keeping the other one', async () => {
    const admin = sandboxAdminClients(sandbox).client('dev', 'openbao');
    const client = openbao();
    const real = client.readSecretKeys.bind(client);
    const spy = jest
      .spyOn(client, 'readSecretKeys')
      .mockImplementationOnce(async (path, options) => {
        const keys = await real(path, options);
        await admin.writeSecret(path, { password: 'x', token: 'y' });
        return keys;
      });
    try {
      const { error } = await rotate(
        { password: NEW, token: OLD },
        { keys: ['password', 'token'] },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        'is no longer at version 4: another rotation wrote it at the same time',
      );
    } finally {
      spy.mockRestore();
    }
    expect(await readStoredSecret(sandbox, PATH)).toEqual({
      data: { password: 'x', token: 'y' },
      version: 5,
    });
  });

  it("refuses another team's secret (its claim), in dry run and for real, and changes nothing", async () => {
    const before = await sandbox.snapshot();
    for (const isDryRun of [true, false]) {
      const { error } = await rotate(
        { username: 'ava', password: NEW },
        { owner: 'group:default/assistant-team', service: 'new-service' },
        { isDryRun, user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "belongs to owner 'search-team', service 'new-service'",
      );
      // a service the catalog gives to search-team is refused before anything is read
      const named = await rotate(
        { username: 'ava', password: NEW },
        { owner: 'group:default/assistant-team' },
        { isDryRun, user: TEST_USERS.assistant },
      );
      expect(named.error?.name).toBe('NotAllowedError');
    }
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is NotFound for a secret that does not exist, and needs runtime.secret.update', async () => {
    const missing = await rotate(
      { username: 'a', password: 'b' },
      { name: 'nothing-here' },
    );
    expect(missing.error?.name).toBe('NotFoundError');
    const denied = await rotate(
      { username: 'a', password: 'b' },
      {},
      { result: AuthorizeResult.DENY },
    );
    expect(denied.error?.name).toBe('NotAllowedError');
    expect(denied.error?.message).toContain('runtime.secret.update');
  });
});
