import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ObjectStorageClient,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, claimOf, requireSameClaim } from '../shared';

/** Whether the bucket exists; a `ConflictError` when another account has the name. */
export async function bucketExists(
  storage: ObjectStorageClient,
  name: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    return await storage.headBucket(name, { signal });
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'Forbidden')) {
      throw takenByAnotherAccount(name);
    }
    throw error;
  }
}

/**
 * Checks the bucket's tags record `claim`: a `ConflictError` naming whose it is otherwise. Resolves
 * the tags read.
 */
export async function checkOwnership(
  storage: ObjectStorageClient,
  name: string,
  claim: ResourceClaim,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const tags = await storage.getTags(name, { signal });
  requireSameClaim(`Bucket ${name}`, claimOf(tags), claim);
  return tags;
}

/**
 * For a change to an existing bucket: a `NotFoundError` when there is none, a `ConflictError` when
 * it is another account's or its tags record another claim. Read-only.
 */
export async function requireOwnBucket(
  storage: ObjectStorageClient,
  name: string,
  claim: ResourceClaim,
  signal?: AbortSignal,
): Promise<void> {
  if (!(await bucketExists(storage, name, signal))) {
    throw new NotFoundError(
      `Bucket ${name} does not exist; create it with runtime:bucket:create`,
    );
  }
  await checkOwnership(storage, name, claim, signal);
}

/** The error for a bucket name that another account (not the portal's) has. */
export function takenByAnotherAccount(name: string): Error {
  return new ConflictError(
    `Bucket name ${name} is already taken by another account; choose another name`,
  );
}
