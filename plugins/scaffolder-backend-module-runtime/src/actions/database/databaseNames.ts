/**
 * The names around one database `runtime:database:create` makes: its login role (the database's own
 * name), where its credentials are kept in OpenBao, and the read grant of those credentials.
 */
export interface DatabaseNames {
  database: string;
  /** The login role that owns the database; PostgreSQL keeps roles and databases apart, so it can share the name. */
  role: string;
  /** Path of the credentials in the environment's OpenBao KV mount, `<service>/databases/<database>`. */
  credentialsPath: string;
  /**
   * The ACL policy and Kubernetes auth role that read the credentials, `runtime_database_<database>`:
   * the kind keeps it apart from `runtime_secret_<service>_<name>` and `runtime_bucket_<bucket>`, and a
   * database name is unique in its environment's PostgreSQL, so no two databases share one.
   */
  grantName: string;
}

/** The names of `service`'s database `database`. */
export function databaseNames(
  service: string,
  database: string,
): DatabaseNames {
  return {
    database,
    role: database,
    credentialsPath: `${service}/databases/${database}`,
    grantName: `runtime_database_${database}`,
  };
}
