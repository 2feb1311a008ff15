import { ConfigReader } from '@backstage/config';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { databaseDetails, databaseNameOf } from './databaseDetails';

/** The sandbox's `dev`, its postgres block with `extra` (say, a PgAdmin URL). */
function clientsOf(sandbox: Sandbox, extra: Record<string, string> = {}) {
  const environment = sandboxEnvironmentConfig(sandbox);
  return RuntimeClients.fromConfig(
    new ConfigReader({
      runtime: {
        environments: [
          { ...environment, postgres: { ...environment.postgres, ...extra } },
        ],
      },
    }),
  );
}

// Against the sandbox's real PostgreSQL: a database made as runtime:database:create makes it.
describe('databaseDetails', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const signal = () => AbortSignal.timeout(10_000);

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free', readyAfterMs: 200 });
    clients = clientsOf(sandbox);
    const postgres = clients.client('dev', 'postgres');
    const claims = { owner: 'search-team', service: 'semantic-search' };
    await postgres.createRole('orders', 'a-password-never-shown-1234', claims);
    await postgres.createDatabase('orders', 'orders', claims);
  });
  afterAll(async () => {
    await clients?.close();
    await sandbox?.close();
  });

  it("reads owner, role, size and connections from PostgreSQL's catalogs, and never a password", async () => {
    const { host, port } = clients.environment('dev').postgres!;
    const details = await databaseDetails(
      clients,
      'dev',
      `postgresql://${host}:${port}/orders`,
      signal(),
    );
    expect(details).toEqual({
      type: 'database',
      environment: 'dev',
      name: 'orders',
      host,
      port,
      owner: 'search-team',
      service: 'semantic-search',
      role: 'orders',
      sizeBytes: expect.any(Number),
      connections: 0,
      credentialsPath: 'semantic-search/databases/orders',
      pgAdminUrl: undefined,
    });
    expect(details.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(JSON.stringify(details)).not.toMatch(/password-never-shown/);
  });

  it('links to PgAdmin when the environment configures one', async () => {
    const withPgAdmin = clientsOf(sandbox, {
      pgAdminUrl: 'https://pgadmin.dev.example.com',
    });
    try {
      const details = await databaseDetails(
        withPgAdmin,
        'dev',
        'postgresql://db:5432/orders',
        signal(),
      );
      expect(details.pgAdminUrl).toBe('https://pgadmin.dev.example.com');
    } finally {
      await withPgAdmin.close();
    }
  });

  it('is a NotFoundError for a database that is gone', async () => {
    await expect(
      databaseDetails(clients, 'dev', 'postgresql://db:5432/gone', signal()),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Database gone not found in dev',
    });
  });

  it.each([
    ['postgresql://db:5432/orders', 'orders'],
    ['postgresql://[::1]:5432/orders_v2', 'orders_v2'],
  ])('reads the database of %s', (ref, name) => {
    expect(databaseNameOf(ref)).toBe(name);
  });

  it.each(['postgresql://db:5432/', 'postgresql://db/Orders', 'x/a;b'])(
    'refuses the upstream ref %s',
    ref => {
      expect(() => databaseNameOf(ref)).toThrow('does not name a PostgreSQL');
    },
  );
});
