/**
 * The claims on a PostgreSQL database or role, stored as its COMMENT (a JSON object): values by
 * metadata key, `owner` (`RUNTIME_OWNER_METADATA_KEY`), `service` (`RUNTIME_SERVICE_METADATA_KEY`)
 * and optionally `expires-at` (`RUNTIME_EXPIRES_AT_METADATA_KEY`).
 *
 * @public
 */
export type PostgresClaims = Record<string, string>;

/**
 * A database of an environment's PostgreSQL server.
 *
 * @public
 */
export interface PostgresDatabase {
  name: string;
  /** The role that owns it. */
  owner: string;
  /**
   * Its size on disk (`pg_database_size`), in bytes; undefined when the portal may not read it
   * (it needs CONNECT on the database, which it has on those whose owner role it created).
   */
  sizeBytes?: number;
  /** Open connections to it (`pg_stat_database.numbackends`). */
  connections: number;
  /** The claims in its COMMENT; undefined when it has none (or a comment that is not claims). */
  claims?: PostgresClaims;
}

/**
 * A role of an environment's PostgreSQL server (never its password).
 *
 * @public
 */
export interface PostgresRole {
  name: string;
  canLogin: boolean;
  /** The claims in its COMMENT; undefined when it has none (or a comment that is not claims). */
  claims?: PostgresClaims;
}

/**
 * Options of every {@link PostgresClient} call.
 *
 * @public
 */
export interface PostgresCallOptions {
  /** Aborts the call: the connection is closed and the server stops the statement. */
  signal?: AbortSignal;
}

/**
 * Options of {@link PostgresClient.dropDatabase}.
 *
 * @public
 */
export interface PostgresDropDatabaseOptions extends PostgresCallOptions {
  /** Drop `WITH (FORCE)`: end the database's open connections first (PostgreSQL 13+). */
  force?: boolean;
}
