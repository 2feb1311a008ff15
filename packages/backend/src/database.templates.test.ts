import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';
import { completes, textOutput } from './testing/templateTasks';

jest.setTimeout(180_000);

// The Database template through the real scaffolder, catalog, permission backend and runtime backend,
// against the sandbox's real PostgreSQL and OpenBao: a dry run changes nothing; the database shows in
// the catalog with its live details (never its password); a re-run changes nothing; the retire
// template leaves every upstream exactly as before the create, and has nothing to do a second time.
describe('the Database template, through the real scaffolder', () => {
  let portal: TemplatesBackend;
  let sandbox: Sandbox;

  beforeAll(async () => {
    portal = await startTemplatesBackend();
    sandbox = portal.sandbox;
  });

  afterAll(() => portal?.stop());

  const database = {
    environment: 'dev',
    owner: 'group:default/search-team',
    service: 'component:default/semantic-search',
    name: 'orders',
    namespace: 'team-search',
  };

  /** The stored password, read as the service would (the portal never reads it back). */
  async function storedPassword(): Promise<string> {
    const response = await fetch(
      `${sandbox.urls.openbao}/v1/secret/data/semantic-search/databases/orders`,
      { headers: { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken } },
    );
    const body = await response.json();
    return body.data.data.password;
  }

  it('creates a database that the catalog and its page show, and retires it leaving every upstream as before', async () => {
    const original = await sandbox.snapshot();

    const dry = await portal.dryRun('database.yaml', database);
    expect({ status: dry.status, error: dry.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    expect(JSON.stringify(dry.body.log)).toContain(
      'Dry run: would create login role orders',
    );
    expect(await sandbox.snapshot()).toEqual(original);

    const created = await completes(
      portal,
      'template:default/runtime-database',
      database,
    );
    const password = await storedPassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.log).not.toContain(password);
    expect(textOutput(created, 'The credentials (path in OpenBao)')).toBe(
      'semantic-search/databases/orders',
    );
    const afterCreate = await sandbox.snapshot();
    expect(afterCreate.postgres).not.toEqual(original.postgres);

    // The catalog shows it, and its page's live details come from PostgreSQL.
    const entity = await portal.waitForEntity(
      'resource/default/dev-database-orders',
    );
    expect(entity.spec).toMatchObject({
      type: 'database',
      owner: 'group:default/search-team',
    });
    const details = await request(portal.server)
      .get('/api/runtime/entity/resource/default/dev-database-orders/resource')
      .set('authorization', mockCredentials.user.header());
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      type: 'database',
      name: 'orders',
      role: 'orders',
      owner: 'search-team',
      credentialsPath: 'semantic-search/databases/orders',
    });
    expect(JSON.stringify(details.body)).not.toContain(password);

    // A re-run changes nothing, and keeps the password.
    await completes(portal, 'template:default/runtime-database', database);
    expect(await sandbox.snapshot()).toEqual(afterCreate);
    expect(await storedPassword()).toBe(password);

    const retire = { ...database, type: 'database' };
    const retireDry = await portal.dryRun('retire-resource.yaml', retire);
    expect(retireDry.status).toBe(200);
    expect(await sandbox.snapshot()).toEqual(afterCreate);
    const first = await completes(
      portal,
      'template:default/runtime-retire-resource',
      retire,
    );
    expect(textOutput(first, 'Removed')).toBe(
      [
        'PostgreSQL database orders with all its data',
        'PostgreSQL login role orders',
        'OpenBao Kubernetes auth role runtime_database_orders',
        'OpenBao ACL policy runtime_database_orders',
        "OpenBao secret semantic-search/databases/orders (the database's credentials, all versions)",
      ].join('; '),
    );
    expect(await sandbox.snapshot()).toEqual(original);
    const second = await completes(
      portal,
      'template:default/runtime-retire-resource',
      retire,
    );
    expect(textOutput(second, 'Removed')).toBe('Nothing: it was already gone.');
    expect(await sandbox.snapshot()).toEqual(original);
  });
});
