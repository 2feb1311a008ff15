import { Client } from 'pg';
import { canonicalJson } from '../snapshot/canonicalJson';

/** One database in a {@link PostgresSnapshot}. */
export interface PostgresDatabaseSnapshot {
  owner: string;
  /** Its COMMENT (the portal's claims), or null. */
  comment: string | null;
  /** Its privileges as `aclitem` texts (`role=CTc/grantor`), or null for the defaults. */
  acl: string[] | null;
}

/** One role in a {@link PostgresSnapshot} (never its password or verifier). */
export interface PostgresRoleSnapshot {
  canLogin: boolean;
  /** Its COMMENT (the portal's claims), or null. */
  comment: string | null;
}

/**
 * The sandbox PostgreSQL server's state in a `SandboxSnapshot`: its databases and roles, without
 * the ones every cluster has (`postgres`, the templates, the bootstrap superuser, the `pg_*` roles).
 * Read from PostgreSQL's catalogs as the superuser. Passwords are left out.
 */
export interface PostgresSnapshot {
  databases: Record<string, PostgresDatabaseSnapshot>;
  roles: Record<string, PostgresRoleSnapshot>;
}

/** Reads a {@link PostgresSnapshot} over a superuser's connection. */
export async function readPostgresSnapshot(
  client: Client,
): Promise<PostgresSnapshot> {
  const databases = await client.query<{
    name: string;
    owner: string;
    comment: string | null;
    acl: string[] | null;
  }>(
    `SELECT d.datname AS name, pg_catalog.pg_get_userbyid(d.datdba) AS owner,
       pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
       d.datacl::text[] AS acl
     FROM pg_catalog.pg_database d
     WHERE NOT d.datistemplate AND d.datname <> 'postgres'
     ORDER BY d.datname`,
  );
  const roles = await client.query<{
    name: string;
    can_login: boolean;
    comment: string | null;
  }>(
    `SELECT r.rolname AS name, r.rolcanlogin AS can_login,
       pg_catalog.shobj_description(r.oid, 'pg_authid') AS comment
     FROM pg_catalog.pg_roles r
     WHERE r.rolname !~ '^pg_' AND r.oid <> 10
     ORDER BY r.rolname`,
  );
  return canonicalJson({
    databases: Object.fromEntries(
      databases.rows.map(({ name, ...database }) => [name, database]),
    ),
    roles: Object.fromEntries(
      roles.rows.map(row => [
        row.name,
        { canLogin: row.can_login, comment: row.comment },
      ]),
    ),
  });
}
