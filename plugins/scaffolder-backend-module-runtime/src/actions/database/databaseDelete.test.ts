import {
  PostgresClient,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  outputsOf,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import {
  creator,
  dependentOn,
  devResourceRef,
  retirementKit,
} from '../__testUtils__/retirementTestKit';
import {
  databaseClients,
  storedCredentials,
} from './__testUtils__/databaseTestKit';
import { createRuntimeDatabaseAction } from './databaseCreate';
import { createRuntimeDatabaseDeleteAction } from './databaseDelete';

const service = 'semantic-search';

/** The ref the catalog module gives the database. */
const databaseRef = (name: string) => devResourceRef('database', name);

/** Every line a delete of a database made with a namespace reports, in order. */
function everything(name: string, connections = 0): string[] {
  return [
    `PostgreSQL database ${name}${
      connections
        ? ` (its ${connections} open connection${
            connections === 1 ? '' : 's'
          } closed)`
        : ''
    } with all its data`,
    `PostgreSQL login role ${name}`,
    `OpenBao Kubernetes auth role runtime_database_${name}`,
    `OpenBao ACL policy runtime_database_${name}`,
    `OpenBao secret ${service}/databases/${name} (the database's credentials, all versions)`,
  ];
}

describe('runtime:database:delete', () => {
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

  const create = creator(createRuntimeDatabaseAction, () => clients);
  const { retire, steps } = retirementKit(
    createRuntimeDatabaseDeleteAction,
    { sandbox: () => sandbox, clients: () => clients, create, everything },
    databaseRef,
  );

  it('dry run lists exactly what would go and changes nothing', async () => {
    const { outputs } = await steps.dryRunChangesNothing('dry_db');
    expect(outputs).toEqual({
      entityRef: databaseRef('dry_db'),
      removed: everything('dry_db'),
      dependents: [],
    });
  });

  it('removes everything the create made, and only that; a second run has nothing to do', async () => {
    await steps.removesWhatTheCreateMade('orders', 'neighbour_db', async () => {
      expect(await postgres().getDatabase('neighbour_db')).toBeDefined();
    });
  });

  it('finishes the job when a run stopped after dropping the database: the role and credentials carry the claim', async () => {
    const before = await sandbox.snapshot();
    await create('halfway');
    await postgres().dropDatabase('halfway');
    const { ctx, error } = await retire({ name: 'halfway' });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).removed).toEqual(everything('halfway').slice(1));
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses a database with open connections unless force, which closes them', async () => {
    const before = await sandbox.snapshot();
    await create('busy');
    const { data } = await storedCredentials(
      sandbox,
      `${service}/databases/busy`,
    );
    // The service, connected: its pool keeps the connection open.
    const app = new PostgresClient({
      environment: 'dev',
      access: {
        host: data.host,
        port: Number(data.port),
        user: data.username,
        password: data.password,
        database: data.database,
        ssl: false,
        timeoutMs: 5_000,
      },
    });
    try {
      await app.listDatabases();
      const busy = await sandbox.snapshot();
      const refused = await retire({ name: 'busy' });
      expect(refused.error?.name).toBe('ConflictError');
      expect(refused.error?.message).toBe(
        'Database busy has 1 open connection; stop its clients first, or run again with force to close them',
      );
      expect(await sandbox.snapshot()).toEqual(busy);

      const forced = await retire({ name: 'busy', force: true });
      expect(forced.error).toBeUndefined();
      expect(outputsOf(forced.ctx).removed).toEqual(everything('busy', 1));
    } finally {
      await app.close().catch(() => undefined);
    }
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('is refused while a catalog entity depends on the database, unless force', async () => {
    await create('depended');
    const entities = [dependentOn(databaseRef('depended'))];
    const before = await sandbox.snapshot();
    await steps.dryRunReportsDependents('depended', entities);
    await steps.refusedWhileDepended('depended', entities, before);
    await steps.forcedWhileDepended('depended', entities);
    expect(await postgres().getDatabase('depended')).toBeUndefined();
  });

  it("refuses a user of another team who types search-team's names, or claims them for their own team, before anything is removed", async () => {
    await create('target', { service: 'unlisted' });
    const before = await sandbox.snapshot();
    const asOwner = await retire(
      { name: 'target', service: 'unlisted', force: true },
      { user: TEST_USERS.assistant },
    );
    expect(asOwner.error?.name).toBe('NotAllowedError');
    // `unlisted` is in no catalog, so only the claims protect search-team's database.
    const asService = await retire(
      {
        owner: 'group:default/assistant-team',
        service: 'unlisted',
        name: 'target',
        force: true,
      },
      { user: TEST_USERS.assistant },
    );
    expect(asService.error?.name).toBe('ConflictError');
    expect(asService.error?.message).toContain(
      "PostgreSQL database target already exists and belongs to owner 'search-team'",
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it("refuses PostgreSQL's and the portal's own roles", async () => {
    const portalRole = clients.environment('dev').postgres!.user;
    const before = await sandbox.snapshot();
    const { error } = await retire({ name: portalRole, force: true });
    expect(error?.name).toBe('ConflictError');
    expect(await sandbox.snapshot()).toEqual(before);
  });
});
