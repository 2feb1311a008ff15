import { LoggerService } from '@backstage/backend-plugin-api';
import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  BucketAccessNames,
  ObjectStorageClient,
  OpenBaoClient,
  OpenBaoSecretMetadata,
  bucketAccessNames,
  bucketAccessPolicy,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { randomInt } from 'node:crypto';
import { claimOf, requireSameClaim, writeClaimMetadata } from '../shared';

function keysSubject(bucket: string, credentialsPath: string): string {
  return `The keys of bucket ${bucket} at ${credentialsPath}`;
}

/**
 * Custom metadata key on the credentials secret: `ready` once MinIO and OpenBao hold the same keys;
 * anything else means a run stopped in between, and the next run issues new keys.
 */
const CREDENTIALS_STATE_METADATA_KEY = 'runtime-portal-credentials';

const SECRET_KEY_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 40 characters from a CSPRNG, each uniform over letters and digits (MinIO allows 8 to 40). */
function newSecretKey(): string {
  return Array.from(
    { length: 40 },
    () => SECRET_KEY_ALPHABET[randomInt(SECRET_KEY_ALPHABET.length)],
  ).join('');
}

/**
 * Reads the metadata of a bucket's stored keys, if any; a `ConflictError` when they belong to another
 * owner or service. Read-only, so a run checks it before creating anything, and a dry run reports it.
 */
export async function readCredentialsClaim(options: {
  openbao: OpenBaoClient;
  credentialsPath: string;
  bucket: string;
  owner: string;
  service: string;
  signal?: AbortSignal;
}): Promise<OpenBaoSecretMetadata | undefined> {
  const { openbao, credentialsPath, bucket, owner, service } = options;
  const metadata = await openbao.readSecretMetadata(credentialsPath, {
    signal: options.signal,
  });
  if (metadata) {
    requireSameClaim(
      keysSubject(bucket, credentialsPath),
      claimOf(metadata.customMetadata),
      { owner, service },
    );
  }
  return metadata;
}

/**
 * What {@link ensureBucketAccess} found to do: `kept` when MinIO and OpenBao already agree,
 * `created` for a new user, `renewed` when the user or its stored keys had to be issued again.
 */
export type BucketAccessResult = 'created' | 'kept' | 'renewed';

/**
 * Gives `service` its own MinIO user for `bucket`: writes the bucket's MinIO policy, creates the
 * user with that policy and stores its keys in OpenBao at `<service>/buckets/<bucket>`. The secret
 * key goes only to MinIO and OpenBao, never to a log or an output. Safe to re-run: keys that MinIO and
 * OpenBao already share are kept; a run that stopped between the two is finished by issuing new keys;
 * a first run that fails removes the user and the policy it created.
 */
export async function ensureBucketAccess(options: {
  storage: ObjectStorageClient;
  openbao: OpenBaoClient;
  bucket: string;
  service: string;
  owner: string;
  endpoint: string;
  /** The keys' metadata as {@link readCredentialsClaim} read and checked it, before anything was made. */
  metadata: OpenBaoSecretMetadata | undefined;
  /** The bucket's expiry, recorded on keys that have none yet (see {@link issueBucketKeys}). */
  expiresAt?: string;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<BucketAccessNames & { result: BucketAccessResult }> {
  const { storage, bucket, service, metadata, logger, signal } = options;
  const names = bucketAccessNames(service, bucket);
  const { policyName, accessKey, credentialsPath } = names;
  const admin = storage.admin;

  const user = await admin.getUser(accessKey, { signal });
  const policyExisted =
    (await admin.getCannedPolicy(policyName, { signal })) !== undefined;
  await admin.putCannedPolicy(policyName, bucketAccessPolicy(bucket), {
    signal,
  });

  const ready =
    metadata?.customMetadata[CREDENTIALS_STATE_METADATA_KEY] === 'ready' &&
    metadata.currentVersion > 0;
  if (
    ready &&
    user?.status === 'enabled' &&
    user.policies.includes(policyName)
  ) {
    logger.info(
      `MinIO user ${accessKey} of bucket ${bucket} and its keys at ${credentialsPath} exist; kept as they are`,
    );
    return { ...names, result: 'kept' };
  }

  try {
    await issueBucketKeys({
      ...options,
      metadata,
      names,
      policies: [policyName],
    });
  } catch (error) {
    if (!user) {
      logger.warn(
        `Giving ${service} access to bucket ${bucket} failed; removing the MinIO user and policy this run created`,
      );
      await admin
        .removeUser(accessKey)
        .catch(cleanupError =>
          logger.error(
            `Could not remove MinIO user ${accessKey}: ${cleanupError}`,
          ),
        );
      if (!policyExisted) {
        await admin
          .removeCannedPolicy(policyName)
          .catch(cleanupError =>
            logger.error(
              `Could not remove MinIO policy ${policyName}: ${cleanupError}`,
            ),
          );
      }
    }
    throw error;
  }
  const result: BucketAccessResult = user || metadata ? 'renewed' : 'created';
  logger.info(
    `${
      result === 'created' ? 'Created' : 'Issued new keys for'
    } MinIO user ${accessKey} with policy ${policyName}; its keys are in OpenBao at ${credentialsPath}`,
  );
  return { ...names, result };
}

/**
 * Issues a new secret key for the bucket's MinIO user and stores the user's keys in OpenBao as the
 * next version of `<service>/buckets/<bucket>`: marks the stored keys `issuing` (a metadata
 * check-and-set on the metadata read, so a concurrent run is refused), sets the new secret key in
 * MinIO (the previous one stops working), writes the keys with check-and-set on the version read,
 * and marks them `ready`, keeping the keys' recorded expiry (or recording `expiresAt` with the claim,
 * when they have none). A run that stops in between leaves them `issuing`, which the next run of
 * `runtime:bucket:create` or `runtime:bucket:rotate-credentials` finishes by issuing again. The
 * secret key goes only to MinIO and OpenBao. Returns the version written.
 */
export async function issueBucketKeys(options: {
  storage: ObjectStorageClient;
  openbao: OpenBaoClient;
  bucket: string;
  service: string;
  owner: string;
  endpoint: string;
  /** The keys' metadata as {@link readCredentialsClaim} read and checked it. */
  metadata: OpenBaoSecretMetadata | undefined;
  names: BucketAccessNames;
  /** The user's MinIO policies (its bucket's). */
  policies: string[];
  /** The expiry to record when the stored keys have none yet; one they have is kept. */
  expiresAt?: string;
  signal?: AbortSignal;
}): Promise<number> {
  const { openbao, bucket, service, owner, metadata, signal } = options;
  const { accessKey, credentialsPath } = options.names;
  const expiresAt =
    metadata?.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY] ||
    options.expiresAt;
  const writeState = (state: string, metadataVersion: number) =>
    writeClaimMetadata(openbao, {
      subject: keysSubject(bucket, credentialsPath),
      path: credentialsPath,
      claim: { owner, service },
      metadataVersion,
      extra: {
        ...(expiresAt ? { [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt } : {}),
        [CREDENTIALS_STATE_METADATA_KEY]: state,
      },
      signal,
    });
  const issuing = await writeState(
    'issuing',
    metadata?.currentMetadataVersion ?? 0,
  );
  const secretKey = newSecretKey();
  await options.storage.admin.putUser(
    accessKey,
    { secretKey, policies: options.policies },
    { signal },
  );
  const { version } = await openbao.writeSecret(
    credentialsPath,
    { accessKey, secretKey, bucket, endpoint: options.endpoint },
    { cas: metadata?.currentVersion ?? 0, signal },
  );
  await writeState('ready', issuing);
  return version;
}
