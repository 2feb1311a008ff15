import { Pool, PoolClient, escapeLiteral } from 'pg';
import { PostgresAccess } from '../config';
import { RuntimeUpstreamError, isRuntimeUpstreamError } from '../errors';
import { claimsLiteral, invalidClaims, parseClaims } from './claims';
import { invalidIdentifier, quoteIdentifier } from './identifiers';
import { toPostgresError } from './postgresError';
import { isScramPassword, scramSha256Verifier } from './scramVerifier';
import {
  PostgresCallOptions,
  PostgresClaims,
  PostgresDatabase,
  PostgresDropDatabaseOptions,
  PostgresRole,
} from './types';

/** Connections per environment: the portal's calls are few and short. */
const POOL_MAX = 4;
/** An idle connection is closed after this long. */
const IDLE_MS = 10_000;
/**
 * How often the server checks that the client is still there during a statement (PostgreSQL 14+):
 * an aborted call closes its connection, and the server stops its statement within this time.
 */
const CONNECTION_CHECK_MS = 1_000;

const DATABASE_COLUMNS = `
  d.datname AS name,
  pg_catalog.pg_get_userbyid(d.datdba) AS owner,
  CASE WHEN pg_catalog.has_database_privilege(d.oid, 'CONNECT')
    THEN pg_catalog.pg_database_size(d.oid) END AS size_bytes,
  COALESCE(s.numbackends, 0) AS connections,
  pg_catalog.shobj_description(d.oid, 'pg_database') AS comment
FROM pg_catalog.pg_database d
LEFT JOIN pg_catalog.pg_stat_database s ON s.datid = d.oid`;

type DatabaseRow = {
  name: string;
  owner: string;
  size_bytes: string | null;
  connections: number;
  comment: string | null;
};

/**
 * A client for one environment's PostgreSQL server, connected as the portal's least-privilege role
 * (`deploy/postgres/runtime-portal.sql`: CREATEDB, CREATEROLE, not superuser) through a small pool
 * (`pg`). It makes a team's login role and database, stores their claims (owner, service, expiry)
 * as each one's COMMENT (JSON) and lists databases from PostgreSQL's catalogs. Names are checked
 * (`[a-z_][a-z0-9_]{0,62}`) and quoted before any call; passwords are sent only as SCRAM-SHA-256
 * verifiers computed here, so the plaintext never reaches the server or its statement log. Every
 * call has the configured timeout (connect, statement and lock) and may be aborted. Every failure
 * is a {@link RuntimeUpstreamError} of the `postgres` upstream, with PostgreSQL's SQLSTATE as its
 * `code` (e.g. `42P04` duplicate_database, `42710` duplicate_object).
 *
 * @public
 */
export class PostgresClient {
  private readonly environment: string;
  private readonly access: PostgresAccess;
  private readonly pool: Pool;

  constructor(options: { environment: string; access: PostgresAccess }) {
    this.environment = options.environment;
    this.access = options.access;
    const { access } = options;
    this.pool = new Pool({
      host: access.host,
      port: access.port,
      user: access.user,
      password: access.password,
      database: access.database,
      ssl: access.ssl ? { rejectUnauthorized: true } : false,
      max: POOL_MAX,
      idleTimeoutMillis: IDLE_MS,
      allowExitOnIdle: true,
      connectionTimeoutMillis: access.timeoutMs,
      statement_timeout: access.timeoutMs,
      lock_timeout: access.timeoutMs,
      // The server's statement_timeout answers first; this only catches a server that went silent.
      query_timeout: access.timeoutMs + 1_000,
      application_name: 'runtime-portal',
      options: `-c client_connection_check_interval=${CONNECTION_CHECK_MS}`,
    });
    // An idle connection the server closed (a restart): the next call connects again and fails
    // properly if the server is still gone; without a listener the error would end the process.
    this.pool.on('error', () => {});
  }

  /** The databases of the server except templates and the maintenance database, by name. */
  async listDatabases(
    options?: PostgresCallOptions,
  ): Promise<PostgresDatabase[]> {
    return this.run('list databases', options?.signal, async client => {
      const result = await client.query<DatabaseRow>(
        `SELECT ${DATABASE_COLUMNS}
         WHERE NOT d.datistemplate AND d.datname <> pg_catalog.current_database()
         ORDER BY d.datname`,
      );
      return result.rows.map(toDatabase);
    });
  }

  /** One database, or undefined when there is none of that name. */
  async getDatabase(
    name: string,
    options?: PostgresCallOptions,
  ): Promise<PostgresDatabase | undefined> {
    const operation = `get database ${name}`;
    this.requireName(operation, name, 'database');
    return this.run(operation, options?.signal, async client => {
      const result = await client.query<DatabaseRow>(
        `SELECT ${DATABASE_COLUMNS} WHERE d.datname = $1`,
        [name],
      );
      return result.rows[0] && toDatabase(result.rows[0]);
    });
  }

  /** One role (never its password), or undefined when there is none of that name. */
  async getRole(
    name: string,
    options?: PostgresCallOptions,
  ): Promise<PostgresRole | undefined> {
    const operation = `get role ${name}`;
    this.requireName(operation, name, 'role');
    return this.run(operation, options?.signal, async client => {
      const result = await client.query<{
        name: string;
        can_login: boolean;
        comment: string | null;
      }>(
        `SELECT r.rolname AS name, r.rolcanlogin AS can_login,
           pg_catalog.shobj_description(r.oid, 'pg_authid') AS comment
         FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
        [name],
      );
      const row = result.rows[0];
      return (
        row && {
          name: row.name,
          canLogin: row.can_login,
          claims: parseClaims(row.comment),
        }
      );
    });
  }

  /**
   * Creates a login role with the password (sent as a SCRAM-SHA-256 verifier) and the claims as its
   * comment, in one transaction: LOGIN and no other attribute. The portal becomes a member of it
   * with ADMIN, SET and INHERIT (`createrole_self_grant`, PostgreSQL 16+), so it can make it a
   * database's owner and later drop both. A role of that name already existing fails with reason
   * `AlreadyExists` (SQLSTATE 42710).
   */
  async createRole(
    name: string,
    password: string,
    claims: PostgresClaims,
    options?: PostgresCallOptions,
  ): Promise<void> {
    const operation = `create role ${name}`;
    this.requireName(operation, name, 'role');
    const verifier = this.verifier(operation, password);
    this.requireClaims(operation, claims);
    await this.run(operation, options?.signal, client =>
      inTransaction(client, async () => {
        await client.query(`SET LOCAL createrole_self_grant = 'set, inherit'`);
        await client.query(
          `CREATE ROLE ${quoteIdentifier(
            name,
          )} WITH LOGIN NOSUPERUSER NOCREATEDB ` +
            `NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(
              verifier,
            )}`,
        );
        await client.query(
          `COMMENT ON ROLE ${quoteIdentifier(name)} IS ${claimsLiteral(
            claims,
          )}`,
        );
      }),
    );
  }

  /** Replaces a role's password (sent as a SCRAM-SHA-256 verifier). */
  async setRolePassword(
    name: string,
    password: string,
    options?: PostgresCallOptions,
  ): Promise<void> {
    const operation = `set password of role ${name}`;
    this.requireName(operation, name, 'role');
    const verifier = this.verifier(operation, password);
    await this.run(operation, options?.signal, async client => {
      await client.query(
        `ALTER ROLE ${quoteIdentifier(name)} WITH PASSWORD ${escapeLiteral(
          verifier,
        )}`,
      );
    });
  }

  /**
   * Creates a database owned by the role, that only the role (and the portal) may connect to:
   * `CREATE DATABASE ... OWNER`, then in one transaction `REVOKE ALL ... FROM PUBLIC`,
   * `GRANT CONNECT ... TO` the role and the claims as its comment. When that transaction fails the
   * new database is dropped again. A database of that name already existing fails with reason
   * `AlreadyExists` (SQLSTATE 42P04).
   */
  async createDatabase(
    name: string,
    ownerRole: string,
    claims: PostgresClaims,
    options?: PostgresCallOptions,
  ): Promise<void> {
    const operation = `create database ${name}`;
    this.requireName(operation, name, 'database');
    this.requireName(operation, ownerRole, 'role');
    this.requireClaims(operation, claims);
    const database = quoteIdentifier(name);
    const owner = quoteIdentifier(ownerRole);
    await this.run(operation, options?.signal, async client => {
      // CREATE DATABASE cannot run in a transaction block.
      await client.query(`CREATE DATABASE ${database} OWNER ${owner}`);
      try {
        await inTransaction(client, async () => {
          await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
          await client.query(
            `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${owner}`,
          );
          await client.query(
            `COMMENT ON DATABASE ${database} IS ${claimsLiteral(claims)}`,
          );
        });
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS ${database}`).catch(() => {
          // The first error says what went wrong; this one would only hide it.
        });
        throw error;
      }
    });
  }

  /** Replaces a database's claims (its comment). */
  async setDatabaseClaims(
    name: string,
    claims: PostgresClaims,
    options?: PostgresCallOptions,
  ): Promise<void> {
    const operation = `set claims of database ${name}`;
    this.requireName(operation, name, 'database');
    this.requireClaims(operation, claims);
    await this.run(operation, options?.signal, async client => {
      await client.query(
        `COMMENT ON DATABASE ${quoteIdentifier(name)} IS ${claimsLiteral(
          claims,
        )}`,
      );
    });
  }

  /** Replaces a role's claims (its comment). */
  async setRoleClaims(
    name: string,
    claims: PostgresClaims,
    options?: PostgresCallOptions,
  ): Promise<void> {
    const operation = `set claims of role ${name}`;
    this.requireName(operation, name, 'role');
    this.requireClaims(operation, claims);
    await this.run(operation, options?.signal, async client => {
      await client.query(
        `COMMENT ON ROLE ${quoteIdentifier(name)} IS ${claimsLiteral(claims)}`,
      );
    });
  }

  /**
   * Drops a database: `dropped`, or `absent` when there was none. Open connections make it fail
   * with reason `Conflict` (SQLSTATE 55006) unless `force` ends them first (`WITH (FORCE)`).
   */
  async dropDatabase(
    name: string,
    options?: PostgresDropDatabaseOptions,
  ): Promise<'dropped' | 'absent'> {
    const operation = `drop database ${name}`;
    this.requireName(operation, name, 'database');
    return this.absentWhenNotFound(() =>
      this.run(operation, options?.signal, async client => {
        await client.query(
          `DROP DATABASE ${quoteIdentifier(name)}${
            options?.force ? ' WITH (FORCE)' : ''
          }`,
        );
        return 'dropped' as const;
      }),
    );
  }

  /**
   * Drops a role: `dropped`, or `absent` when there was none. A role that still owns a database
   * fails with reason `Conflict` (SQLSTATE 2BP01): drop the database first.
   */
  async dropRole(
    name: string,
    options?: PostgresCallOptions,
  ): Promise<'dropped' | 'absent'> {
    const operation = `drop role ${name}`;
    this.requireName(operation, name, 'role');
    return this.absentWhenNotFound(() =>
      this.run(operation, options?.signal, async client => {
        await client.query(`DROP ROLE ${quoteIdentifier(name)}`);
        return 'dropped' as const;
      }),
    );
  }

  /** Closes the pool's connections; later calls fail. */
  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** Runs `fn` on a pooled connection, bounded by the timeouts and `signal`. */
  private async run<T>(
    operation: string,
    signal: AbortSignal | undefined,
    fn: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw this.failure(operation, 'Aborted', 'cancelled');
    let client: PoolClient | undefined;
    let destroy = false;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.failure(operation, 'Aborted', 'cancelled'));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const connecting = this.pool.connect();
      connecting.then(
        late => {
          // Connected only after the caller gave up: close it, nobody will use it.
          if (signal?.aborted && client === undefined) late.release(true);
        },
        () => {},
      );
      client = await Promise.race([connecting, aborted]);
      return await Promise.race([fn(client), aborted]);
    } catch (error) {
      const mapped = toPostgresError(error, {
        environment: this.environment,
        operation,
      });
      // An aborted call's connection is closed (the server then stops its statement), and so is
      // one that failed outside PostgreSQL (socket, client-side timeout): its state is unknown.
      destroy = Boolean(signal?.aborted) || mapped.code === undefined;
      throw mapped;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      client?.release(destroy || undefined);
    }
  }

  private async absentWhenNotFound(
    call: () => Promise<'dropped'>,
  ): Promise<'dropped' | 'absent'> {
    try {
      return await call();
    } catch (error) {
      if (isRuntimeUpstreamError(error, 'NotFound')) return 'absent';
      throw error;
    }
  }

  private requireName(
    operation: string,
    name: string,
    kind: 'role' | 'database',
  ): void {
    const problem = invalidIdentifier(name, kind);
    if (problem) throw this.failure(operation, 'Invalid', problem);
    if (
      (kind === 'role' && name === this.access.user) ||
      (kind === 'database' && name === this.access.database)
    ) {
      throw this.failure(
        operation,
        'Invalid',
        `${kind} '${name}' is the portal's own`,
      );
    }
  }

  private requireClaims(operation: string, claims: PostgresClaims): void {
    const problem = invalidClaims(claims);
    if (problem) throw this.failure(operation, 'Invalid', problem);
  }

  private verifier(operation: string, password: string): string {
    if (typeof password !== 'string' || !isScramPassword(password)) {
      throw this.failure(
        operation,
        'Invalid',
        'the password must be 1-1024 printable ASCII characters',
      );
    }
    return scramSha256Verifier(password);
  }

  private failure(
    operation: string,
    reason: 'Invalid' | 'Aborted',
    detail: string,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'postgres',
      environment: this.environment,
      operation,
      reason,
      detail,
    });
  }
}

/** Runs `fn` between BEGIN and COMMIT, rolling back when it fails. */
async function inTransaction(
  client: PoolClient,
  fn: () => Promise<void>,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

function toDatabase(row: DatabaseRow): PostgresDatabase {
  return {
    name: row.name,
    owner: row.owner,
    sizeBytes: row.size_bytes === null ? undefined : Number(row.size_bytes),
    connections: Number(row.connections),
    claims: parseClaims(row.comment),
  };
}
