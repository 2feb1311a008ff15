import { NotFoundError } from '@backstage/errors';
import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  OpenBaoClient,
  PostgresClaims,
  PostgresClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { databaseNames } from '../database/databaseNames';
import { readDatabaseState } from '../database/databaseState';
import {
  ExpiryChange,
  ExpiryWrite,
  holdsExpiry,
  recordedExpiry,
  withExpiry,
} from './expiryRecord';

/**
 * Changes the expiry of a database `runtime:database:create` made: the `expires-at` claim in the
 * COMMENT of the database and of its login role, every other claim kept. Every part is read and its
 * claim checked first (`readDatabaseState`: the database, its role, the stored credentials and their
 * read grant; a `ConflictError` naming whose it is otherwise); `NotFoundError` when there is no
 * database. A COMMENT that already records the expiry (see `holdsExpiry`) is not written. The catalog
 * shows the database's own claim.
 */
export async function extendDatabase(
  postgres: PostgresClient,
  openbao: OpenBaoClient,
  target: { environment: string; name: string; claim: ResourceClaim },
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { environment, name, claim } = target;
  const { signal } = write;
  const names = databaseNames(claim.service, name);
  const state = await readDatabaseState({
    postgres,
    openbao,
    names,
    claim,
    signal,
  });
  if (!state.database) {
    throw new NotFoundError(
      `PostgreSQL database ${name} does not exist in ${environment}`,
    );
  }
  const parts: Array<{
    subject: string;
    claims: PostgresClaims;
    set: (claims: PostgresClaims) => Promise<void>;
  }> = [
    {
      subject: `PostgreSQL database ${name} in ${environment}`,
      claims: state.database.claims ?? {},
      set: claims => postgres.setDatabaseClaims(name, claims, { signal }),
    },
  ];
  if (state.role) {
    parts.push({
      subject: `PostgreSQL role ${names.role} in ${environment}`,
      claims: state.role.claims ?? {},
      set: claims => postgres.setRoleClaims(names.role, claims, { signal }),
    });
  }
  const previous = parts
    .map(part => recordedExpiry(part.claims[RUNTIME_EXPIRES_AT_METADATA_KEY]))
    .find(Boolean);
  const subjects: string[] = [];
  for (const part of parts) {
    const recorded = part.claims[RUNTIME_EXPIRES_AT_METADATA_KEY];
    if (holdsExpiry(recorded, write)) continue;
    if (!write.dryRun) {
      await part.set(withExpiry(part.claims, write.expiresAt));
    }
    subjects.push(part.subject);
  }
  return { subjects, previous, changed: subjects.length > 0 };
}
