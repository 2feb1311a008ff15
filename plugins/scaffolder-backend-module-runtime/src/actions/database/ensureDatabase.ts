import { LoggerService } from '@backstage/backend-plugin-api';
import {
  OpenBaoClient,
  PostgresClaims,
  PostgresClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { randomBytes } from 'node:crypto';
import { ResourceClaim, writeClaimMetadata } from '../shared';
import { DatabaseNames } from './databaseNames';
import {
  CREDENTIALS_STATE_METADATA_KEY,
  DatabaseState,
  credentialsReady,
  credentialsSubject,
} from './databaseState';

/** 32 URL-safe characters from 24 bytes of a CSPRNG (192 bits). */
function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

/** What {@link ensureDatabase} did: `created` the database, `completed` a run that had stopped, or `kept` it all. */
export type EnsureDatabaseResult = 'created' | 'completed' | 'kept';

/**
 * Makes what is missing of `names.database`, given `state` as `readDatabaseState` read and checked it:
 * the login role (LOGIN only) with a new password, the database owned by it (only the role may connect),
 * and the credentials in OpenBao at `<service>/databases/<database>` (keys username, password, host,
 * port, database). Claims go on the role and the database (their COMMENT) and on the credentials'
 * custom metadata; the credentials are marked `issuing` before the password is set and `ready` after
 * they are stored (check-and-set on the versions read), so a concurrent run is refused and a run that
 * stopped in between is finished by the next one with a new password. When the role exists and its
 * credentials are ready, the password is kept: a re-run changes nothing. The password goes only to
 * PostgreSQL (as a SCRAM verifier) and OpenBao, never to a log or an output.
 *
 * `then` runs last (the credentials' read grant). A failure removes what this run created (the database, the role, the credentials' metadata), so
 * nothing is left behind; what existed before is left as it was.
 */
export async function ensureDatabase(options: {
  postgres: PostgresClient;
  openbao: OpenBaoClient;
  names: DatabaseNames;
  state: DatabaseState;
  claim: ResourceClaim;
  /** The claims recorded on the role and the database (the claim and, if any, the expiry). */
  claims: PostgresClaims;
  /** How the service reaches PostgreSQL, stored with the credentials. */
  host: string;
  port: number;
  /** Runs last, inside the cleanup: e.g. the credentials' read grant. */
  then?: () => Promise<void>;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<EnsureDatabaseResult> {
  const { postgres, openbao, names, state, claim, claims, logger, signal } =
    options;
  const newCredentials = !state.role || !credentialsReady(state);
  if (!newCredentials && state.database) {
    logger.info(
      `Database ${names.database}, its role and its credentials at ${names.credentialsPath} exist; kept as they are`,
    );
    await options.then?.();
    return 'kept';
  }
  const created = { role: false, database: false, credentials: false };
  try {
    if (newCredentials) {
      const password = newPassword();
      const issuing = await writeCredentialsState(options, 'issuing');
      created.credentials = !state.credentials;
      if (state.role) {
        await postgres.setRolePassword(names.role, password, { signal });
      } else {
        await postgres.createRole(names.role, password, claims, { signal });
        created.role = true;
      }
      if (!state.database) await createDatabase();
      await openbao.writeSecret(
        names.credentialsPath,
        {
          username: names.role,
          password,
          host: options.host,
          port: String(options.port),
          database: names.database,
        },
        { cas: state.credentials?.currentVersion ?? 0, signal },
      );
      await writeCredentialsState(options, 'ready', issuing);
    } else {
      await createDatabase();
    }
    await options.then?.();
  } catch (error) {
    await removeCreated(options, created);
    throw error;
  }
  const result = state.role || state.database ? 'completed' : 'created';
  logger.info(
    `${result === 'created' ? 'Created' : 'Completed'} database ${
      names.database
    } owned by login role ${names.role} (claims owner=${claim.owner}, service=${
      claim.service
    }); its credentials are in OpenBao at ${names.credentialsPath}`,
  );
  return result;

  async function createDatabase() {
    await postgres.createDatabase(names.database, names.role, claims, {
      signal,
    });
    created.database = true;
  }
}

/** Marks the stored credentials `issuing` or `ready` with the claim (a metadata check-and-set). */
function writeCredentialsState(
  options: {
    openbao: OpenBaoClient;
    names: DatabaseNames;
    state: DatabaseState;
    claim: ResourceClaim;
    signal?: AbortSignal;
  },
  value: 'issuing' | 'ready',
  metadataVersion = options.state.credentials?.currentMetadataVersion ?? 0,
): Promise<number> {
  return writeClaimMetadata(options.openbao, {
    subject: credentialsSubject(options.names),
    path: options.names.credentialsPath,
    claim: options.claim,
    metadataVersion,
    extra: { [CREDENTIALS_STATE_METADATA_KEY]: value },
    signal: options.signal,
  });
}

/** After a failure: drops the database and role and deletes the credentials this run created. */
async function removeCreated(
  options: {
    postgres: PostgresClient;
    openbao: OpenBaoClient;
    names: DatabaseNames;
    logger: LoggerService;
  },
  created: { role: boolean; database: boolean; credentials: boolean },
): Promise<void> {
  const { postgres, openbao, names, logger } = options;
  if (!created.role && !created.database && !created.credentials) return;
  logger.warn(
    `Creating database ${names.database} failed; removing what this run created so nothing is left behind`,
  );
  // No signal: the run's may be the one that was aborted, and the cleanup must still happen.
  const undo = async (what: string, fn: () => Promise<unknown>) =>
    fn().catch(cleanupError =>
      logger.error(`Could not remove ${what}: ${cleanupError}`),
    );
  if (created.database) {
    await undo(`database ${names.database}`, () =>
      postgres.dropDatabase(names.database, { force: true }),
    );
  }
  if (created.role) {
    await undo(`role ${names.role}`, () => postgres.dropRole(names.role));
  }
  if (created.credentials) {
    await undo(`the credentials at ${names.credentialsPath}`, () =>
      openbao.deleteSecretMetadata(names.credentialsPath),
    );
  }
}
