import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  PostgresClient,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  PostgresServer,
  loadSeed,
  startPostgresServer,
} from '@runtime-portal/runtime-sandbox';
import { RuntimeEntityProvider } from '../provider/RuntimeEntityProvider';
import { readDatabases } from './databases';

describe('readDatabases', () => {
  const fake = (databases: unknown[]) =>
    ({ listDatabases: async () => databases } as unknown as PostgresClient);

  it('maps claims and catalog figures to a live resource', async () => {
    const [resource] = await readDatabases(
      fake([
        {
          name: 'orders',
          owner: 'orders',
          sizeBytes: 7_654_321,
          connections: 3,
          claims: {
            owner: 'search-team',
            service: 'search-api',
            'expires-at': '2030-01-02T03:04:05Z',
          },
        },
      ]),
      'prod',
      { host: 'db.example.com', port: 5432 },
    );
    expect(resource).toEqual({
      environment: 'prod',
      type: 'database',
      name: 'orders',
      upstreamRef: 'postgresql://db.example.com:5432/orders',
      hostComponent: 'postgresql',
      area: 'data-storage',
      ownerValue: 'search-team',
      ownerSource: "database comment claim 'owner'",
      service: 'search-api',
      description: 'PostgreSQL database orders',
      details: {
        [D.databaseSizeBytes]: '7654321',
        [D.databaseConnections]: '3',
        [D.databaseRole]: 'orders',
        [D.databaseCredentialsPath]: 'search-api/databases/orders',
      },
      expiresAt: '2030-01-02T03:04:05Z',
    });
  });

  it('keeps a database without claims (no owner, no service, no credentials path) and an unreadable size out', async () => {
    const [resource] = await readDatabases(
      fake([{ name: 'legacy', owner: 'dba', connections: 0 }]),
      'dev',
      { host: '::1', port: 5433 },
    );
    expect(resource).toMatchObject({
      upstreamRef: 'postgresql://[::1]:5433/legacy',
      ownerValue: undefined,
      service: undefined,
      expiresAt: undefined,
      details: { [D.databaseConnections]: '0', [D.databaseRole]: 'dba' },
    });
    expect(Object.keys(resource.details)).toHaveLength(2);
  });
});

describe('databases in the catalog (a real PostgreSQL)', () => {
  let server: PostgresServer;
  let provider: RuntimeEntityProvider;
  let clients: RuntimeClients;
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  const entities = (): Entity[] => {
    const last = [...mutations].reverse().find(m => m.type === 'full');
    return last?.type === 'full' ? last.entities.map(e => e.entity) : [];
  };

  beforeAll(async () => {
    server = await startPostgresServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
    // A database nobody claimed (empty claims), made by the administrator outside the portal.
    const admin = new PostgresClient({
      environment: 'dev',
      access: {
        host: server.host,
        port: server.port,
        user: 'postgres',
        password: DEFAULT_SANDBOX_ADMIN_CREDENTIALS.postgresPassword,
        database: 'postgres',
        ssl: false,
        timeoutMs: 5000,
      },
    });
    await admin.createRole('legacy', 'legacy-password', {});
    await admin.createDatabase('unclaimed', 'legacy', {});
    await admin.close();
    clients = RuntimeClients.fromConfig(
      new ConfigReader({
        runtime: {
          environments: [
            {
              name: 'dev',
              postgres: {
                host: server.host,
                port: server.port,
                user: DEFAULT_SANDBOX_CREDENTIALS.postgresUser,
                password: DEFAULT_SANDBOX_CREDENTIALS.postgresPassword,
              },
            },
          ],
        },
      }),
    );
    provider = new RuntimeEntityProvider({
      clients,
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: ['database'],
    });
    await provider.connect(connection);
  });
  afterAll(async () => {
    await provider?.stop();
    await clients?.close();
    await server?.close();
  });

  it("shows the seeded team database, owned by its claim's team and used by its service", async () => {
    await provider.refresh();
    const database = entities().find(
      e => e.metadata.annotations?.[D.databaseRole] === 'search_feedback',
    );
    expect(database).toBeDefined();
    expect(database!.spec).toMatchObject({
      type: 'database',
      owner: 'group:default/search-team',
      dependsOn: ['component:default/postgresql'],
      system: 'runtime-data-storage',
    });
    expect(database!.metadata.annotations).toMatchObject({
      [D.databaseRole]: 'search_feedback',
      [D.databaseConnections]: '0',
      [D.databaseCredentialsPath]: 'semantic-search/databases/search_feedback',
      [D.databaseSizeBytes]: expect.stringMatching(/^\d{6,}$/),
    });
    // Underscores are not in entity names: the name is made safe and told apart by a hash.
    expect(database!.metadata.name).toMatch(
      /^dev-database-search-feedback-[0-9a-f]{8}$/,
    );
    const unclaimed = entities().find(e =>
      e.metadata.name.includes('unclaimed'),
    );
    expect(unclaimed?.spec?.owner).toBe('group:default/platform-team');
    expect(JSON.stringify(unclaimed?.metadata.annotations)).toMatch(/owner/);
    expect(unclaimed?.metadata.annotations).not.toHaveProperty(
      D.databaseSizeBytes,
    );
  });
});
