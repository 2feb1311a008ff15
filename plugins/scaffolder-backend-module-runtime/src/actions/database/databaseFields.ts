import { z as zod } from 'zod/v3';

/** A PostgreSQL identifier the portal may create: lowercase, so it needs no quoting to be typed. */
const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Names PostgreSQL itself has in every cluster: its maintenance database and the templates. */
const RESERVED_NAMES = ['postgres', 'template0', 'template1'];

/**
 * A database name, which is also its login role's name: a lowercase letter, then up to 62 lowercase
 * letters, digits and `_` (PostgreSQL's 63-byte identifier limit). Not `postgres`, `template0` or
 * `template1`, and not `pg_...` (PostgreSQL reserves those role names).
 */
export const databaseNameField = (z: typeof zod) =>
  z
    .string()
    .regex(
      DATABASE_NAME,
      'must be a lowercase letter followed by at most 62 lowercase letters, digits and "_"',
    )
    .refine(
      name => !name.startsWith('pg_'),
      'must not start with "pg_" (PostgreSQL reserves those role names)',
    )
    .refine(
      name => !RESERVED_NAMES.includes(name),
      `must not be one of PostgreSQL's own databases (${RESERVED_NAMES.join(
        ', ',
      )})`,
    )
    .describe(
      'Database name, also the name of its login role: a lowercase letter, then lowercase letters, digits and "_", at most 63 characters (e.g. orders)',
    );
