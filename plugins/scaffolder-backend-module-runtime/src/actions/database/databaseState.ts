import { ConflictError } from '@backstage/errors';
import {
  isRuntimeUpstreamError,
  OpenBaoClient,
  OpenBaoSecretMetadata,
  PostgresClient,
  PostgresDatabase,
  PostgresRole,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  ResourceClaim,
  SecretReadGrantState,
  claimOf,
  readSecretReadGrant,
  requireSameClaim,
} from '../shared';
import { DatabaseNames } from './databaseNames';

/**
 * Custom metadata key on the stored credentials: `ready` once PostgreSQL and OpenBao hold the same
 * password; anything else means a run stopped in between, and the next run sets a new one.
 */
export const CREDENTIALS_STATE_METADATA_KEY = 'runtime-portal-credentials';

/**
 * What exists of one database `runtime:database:create` makes, each part checked to be the claim's:
 * the database, its login role, the stored credentials' metadata and the credentials' read grant.
 */
export interface DatabaseState {
  database?: PostgresDatabase;
  role?: PostgresRole;
  /** The metadata of the stored credentials (never their values). */
  credentials?: OpenBaoSecretMetadata;
  /** The ACL policy and Kubernetes auth role that read the credentials. */
  grant: SecretReadGrantState;
}

/** Whether the stored credentials hold the role's current password (a finished run wrote them). */
export function credentialsReady(state: DatabaseState): boolean {
  const { credentials } = state;
  return (
    credentials?.customMetadata[CREDENTIALS_STATE_METADATA_KEY] === 'ready' &&
    credentials.currentVersion > 0
  );
}

/** How errors and logs name the stored credentials of a database. */
export function credentialsSubject(names: DatabaseNames): string {
  return `The credentials of database ${names.database} at ${names.credentialsPath}`;
}

/**
 * Reads what exists of database `names.database` and checks every part is `claim`'s before anything is
 * written or removed: the database's and the role's COMMENT claims, the stored credentials' custom
 * metadata, the read grant's header and policies, and that the database is owned by its own role. A
 * `ConflictError` naming whose it is otherwise. Read-only.
 */
export async function readDatabaseState(options: {
  postgres: PostgresClient;
  openbao: OpenBaoClient;
  names: DatabaseNames;
  claim: ResourceClaim;
  signal?: AbortSignal;
}): Promise<DatabaseState> {
  const { postgres, openbao, names, claim, signal } = options;
  const database = await notThePortals(names.database, () =>
    postgres.getDatabase(names.database, { signal }),
  );
  if (database) {
    requireSameClaim(
      `PostgreSQL database ${names.database}`,
      claimOf(database.claims ?? {}),
      claim,
    );
    if (database.owner !== names.role) {
      throw new ConflictError(
        `PostgreSQL database ${names.database} is owned by role ${database.owner}, not by its own role ${names.role}; it was not made by the portal`,
      );
    }
  }
  const role = await notThePortals(names.role, () =>
    postgres.getRole(names.role, { signal }),
  );
  if (role) {
    requireSameClaim(
      `PostgreSQL role ${names.role}`,
      claimOf(role.claims ?? {}),
      claim,
    );
  }
  const credentials = await openbao.readSecretMetadata(names.credentialsPath, {
    signal,
  });
  if (credentials) {
    requireSameClaim(
      credentialsSubject(names),
      claimOf(credentials.customMetadata),
      claim,
    );
  }
  const grant = await readSecretReadGrant(openbao, {
    name: names.grantName,
    claim,
    signal,
  });
  return { database, role, credentials, grant };
}

/**
 * Reads a database or role; the client's refusal of a name that is the portal's own (its role, its
 * maintenance database) is a `ConflictError`: such a name is taken, never a team's.
 */
async function notThePortals<T>(name: string, read: () => Promise<T>) {
  try {
    return await read();
  } catch (error) {
    if (!isRuntimeUpstreamError(error, 'Invalid')) throw error;
    throw new ConflictError(
      `The name ${name} is taken by the PostgreSQL server itself (${error.detail}); choose another name`,
    );
  }
}
