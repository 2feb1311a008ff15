import { escapeIdentifier } from 'pg';

/** A name the client creates or changes: lowercase, unquoted-safe, at most 63 bytes (NAMEDATALEN). */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** Databases every cluster has, which the portal never changes. */
const BUILT_IN_DATABASES = new Set(['postgres', 'template0', 'template1']);

/**
 * Why `name` may not be used as a role or database name by the portal, or undefined when it may:
 * `[a-z_][a-z0-9_]{0,62}`, not reserved (`pg_` roles), not a built-in database.
 */
export function invalidIdentifier(
  name: string,
  kind: 'role' | 'database',
): string | undefined {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    return `${kind} name '${String(
      name,
    )}' must be 1-63 lowercase letters, digits or underscores, not starting with a digit`;
  }
  if (kind === 'role' && name.startsWith('pg_')) {
    return `role name '${name}' is reserved (names starting with pg_ are PostgreSQL's)`;
  }
  if (kind === 'database' && BUILT_IN_DATABASES.has(name)) {
    return `database '${name}' is one of PostgreSQL's own`;
  }
  return undefined;
}

/** The identifier quoted for SQL (only ever called on a name {@link invalidIdentifier} accepted). */
export function quoteIdentifier(name: string): string {
  return escapeIdentifier(name);
}
