import fs from 'node:fs';
import { Client } from 'pg';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
} from '../types';
import { EMPTY_SEED, RuntimeSeed } from '../seed';
import { PostgresServer, startPostgresServer } from './startPostgresServer';

const seed: RuntimeSeed = {
  components: [],
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        { name: 'semantic-search', databases: [{ name: 'search_feedback' }] },
      ],
    },
  ],
};

async function connect(
  server: PostgresServer,
  user: string,
  password: string,
  database = 'postgres',
) {
  const client = new Client({
    host: server.host,
    port: server.port,
    user,
    password,
    database,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('startPostgresServer', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    const started = Date.now();
    server = await startPostgresServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
    // eslint-disable-next-line no-console
    console.log(`sandbox PostgreSQL started in ${Date.now() - started} ms`);
  });

  afterAll(() => server?.close());

  it('runs PostgreSQL 18 with the portal role of deploy/postgres/runtime-portal.sql', async () => {
    const client = await connect(
      server,
      'runtime_portal',
      'sandbox-postgres-password',
    );
    try {
      const { rows } = await client.query(
        `SELECT current_setting('server_version_num')::int AS version,
                rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(rows[0]).toEqual({
        version: expect.any(Number),
        rolsuper: false,
        rolcreatedb: true,
        rolcreaterole: true,
        rolreplication: false,
        rolbypassrls: false,
      });
      expect(rows[0].version).toBeGreaterThanOrEqual(180000);
    } finally {
      await client.end();
    }
  });

  it('checks passwords', async () => {
    await expect(
      connect(server, 'runtime_portal', 'wrong'),
    ).rejects.toMatchObject({
      code: '28P01',
    });
    await expect(
      connect(server, 'postgres', 'runtime-sandbox-template'),
    ).rejects.toMatchObject({ code: '28P01' });
    const admin = await connect(
      server,
      'postgres',
      'sandbox-postgres-admin-password',
    );
    await admin.end();
  });

  it('seeds databases as the portal makes them, and snapshots them without passwords', async () => {
    const snapshot = await server.snapshot();
    const claims = JSON.stringify({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect(snapshot).toEqual({
      databases: {
        search_feedback: {
          owner: 'search_feedback',
          comment: claims,
          acl: ['search_feedback=CTc/search_feedback'],
        },
      },
      roles: {
        runtime_portal: {
          canLogin: true,
          comment: expect.stringContaining('Runtime Portal'),
        },
        search_feedback: { canLogin: true, comment: claims },
      },
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/SCRAM|password/i);
  });

  it('lets the portal create a database, which the snapshot shows', async () => {
    const portal = await connect(
      server,
      'runtime_portal',
      'sandbox-postgres-password',
    );
    try {
      await portal.query('CREATE DATABASE portal_made');
    } finally {
      await portal.end();
    }
    expect((await server.snapshot()).databases.portal_made).toEqual({
      owner: 'runtime_portal',
      comment: null,
      acl: null,
    });
  });

  it('refuses the portal what it was not given: roles it did not create', async () => {
    const portal = await connect(
      server,
      'runtime_portal',
      'sandbox-postgres-password',
    );
    try {
      await expect(
        portal.query('ALTER ROLE postgres NOLOGIN'),
      ).rejects.toMatchObject({
        code: '42501',
      });
      await expect(
        portal.query('CREATE ROLE x SUPERUSER'),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await portal.end();
    }
  });
});

describe('startPostgresServer close', () => {
  it('stops the server and removes its data directory', async () => {
    const server = await startPostgresServer({
      port: 0,
      seed: EMPTY_SEED,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
    expect(fs.existsSync(server.dataDirectory)).toBe(true);
    const before = await server.snapshot();
    await server.close();
    expect(fs.existsSync(server.dataDirectory)).toBe(false);
    await expect(
      connect(server, 'postgres', 'sandbox-postgres-admin-password'),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await server.snapshot()).toEqual(before);
  });
});
