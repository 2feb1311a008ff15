import { NotFoundError } from '@backstage/errors';
import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ObjectStorageClient,
  OpenBaoClient,
  bucketAccessNames,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { readCredentialsClaim } from '../bucket/bucketAccess';
import { bucketExists, checkOwnership } from '../bucket/bucketClaim';
import {
  ExpiryChange,
  ExpiryWrite,
  holdsExpiry,
  recordedExpiry,
  withExpiry,
} from './expiryRecord';
import { extendSecretMetadata } from './extendSecretMetadata';

/**
 * Changes the expiry of a bucket (its tag `expires-at`, the other tags rewritten as they are) and of
 * its stored keys, when OpenBao holds them (their custom metadata, see
 * {@link extendSecretMetadata}). Both claims are checked before either is written: `NotFoundError`
 * for no bucket, `ConflictError` naming both claims for another team's bucket or keys.
 */
export async function extendBucket(
  storage: ObjectStorageClient,
  openbao: OpenBaoClient | undefined,
  target: { environment: string; name: string; claim: ResourceClaim },
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { name, claim } = target;
  const { signal } = write;
  const subject = `Bucket ${name} in ${target.environment}`;
  if (!(await bucketExists(storage, name, signal))) {
    throw new NotFoundError(`${subject} does not exist`);
  }
  const tags = await checkOwnership(storage, name, claim, signal);
  const { credentialsPath } = bucketAccessNames(claim.service, name);
  const keysMetadata = openbao
    ? await readCredentialsClaim({
        openbao,
        credentialsPath,
        bucket: name,
        owner: claim.owner,
        service: claim.service,
        signal,
      })
    : undefined;

  const previous = recordedExpiry(tags[RUNTIME_EXPIRES_AT_METADATA_KEY]);
  const subjects: string[] = [];
  if (!holdsExpiry(previous, write)) {
    if (!write.dryRun) {
      await storage.setTags(name, withExpiry(tags, write.expiresAt), {
        signal,
      });
    }
    subjects.push(`tags of ${subject}`);
  }
  if (openbao && keysMetadata) {
    const keysSubject = `The keys of bucket ${name} at ${credentialsPath}`;
    const changed = await extendSecretMetadata(
      openbao,
      {
        subject: keysSubject,
        path: credentialsPath,
        claim,
        metadata: keysMetadata,
      },
      write,
    );
    if (changed) subjects.push(keysSubject);
  }
  return { subjects, previous, changed: subjects.length > 0 };
}
