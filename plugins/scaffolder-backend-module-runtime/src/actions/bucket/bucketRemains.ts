import {
  ObjectStorageClient,
  OpenBaoClient,
  bucketAccessNames,
  bucketKeysGrantName,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  ResourceClaim,
  SecretReadGrantState,
  readSecretReadGrant,
  secretReadGrantLines,
} from '../shared';
import { readCredentialsClaim } from './bucketAccess';
import { bucketExists, checkOwnership } from './bucketClaim';

/**
 * What is left of a bucket that `runtime:bucket:create` made, each part checked to be the claim's:
 * the bucket (and whether it holds objects), the read grant of its stored keys, its MinIO user and
 * policy, and the stored keys.
 */
export interface BucketRemains {
  bucket: { exists: boolean; hasObjects: boolean };
  /** The ACL policy and Kubernetes auth role that read the keys (`runtime_bucket_<bucket>`). */
  grant: SecretReadGrantState & { name: string };
  user?: string;
  policy?: string;
  /** The path of the stored keys in OpenBao, when they exist. */
  keys?: string;
}

/**
 * Reads what is left of bucket `name` and checks every part is `claim`'s, before anything is
 * removed: the bucket's tags, the stored keys' metadata and the read grant's header and policies (a
 * `ConflictError` otherwise; a bucket name another account has is one too). The MinIO user and
 * policy have no claim of their own: they are the bucket's, so they count only while the bucket or
 * the stored keys show the claim. Read-only.
 */
export async function readBucketRemains(options: {
  storage: ObjectStorageClient;
  /** OpenBao, when the environment has it (where the keys and their read grant are). */
  openbao?: OpenBaoClient;
  name: string;
  claim: ResourceClaim;
  signal?: AbortSignal;
}): Promise<BucketRemains> {
  const { storage, openbao, name, claim, signal } = options;
  const names = bucketAccessNames(claim.service, name);
  const exists = await bucketExists(storage, name, signal);
  if (exists) await checkOwnership(storage, name, claim, signal);
  const keys = openbao
    ? await readCredentialsClaim({
        openbao,
        credentialsPath: names.credentialsPath,
        bucket: name,
        owner: claim.owner,
        service: claim.service,
        signal,
      })
    : undefined;
  const grantName = bucketKeysGrantName(name);
  const grant = openbao
    ? await readSecretReadGrant(openbao, { name: grantName, claim, signal })
    : { policy: false, role: false };
  const claimed = exists || keys !== undefined;
  const user =
    claimed && (await storage.admin.getUser(names.accessKey, { signal }));
  const policy =
    claimed &&
    (await storage.admin.getCannedPolicy(names.policyName, { signal }));
  return {
    bucket: {
      exists,
      hasObjects: exists && (await storage.hasObjects(name, { signal })),
    },
    grant: { ...grant, name: grantName },
    ...(user ? { user: names.accessKey } : {}),
    ...(policy ? { policy: names.policyName } : {}),
    ...(keys ? { keys: names.credentialsPath } : {}),
  };
}

/** One line per part of `remains`, in the order a delete removes them. */
export function bucketRemainsLines(
  name: string,
  remains: BucketRemains,
): string[] {
  return [
    ...(remains.bucket.exists
      ? [
          `MinIO bucket ${name}${
            remains.bucket.hasObjects ? ' with all its objects' : ''
          }`,
        ]
      : []),
    ...secretReadGrantLines(remains.grant.name, remains.grant),
    ...(remains.user ? [`MinIO user ${remains.user}`] : []),
    ...(remains.policy ? [`MinIO policy ${remains.policy}`] : []),
    ...(remains.keys
      ? [`OpenBao secret ${remains.keys} (the bucket's keys, all versions)`]
      : []),
  ];
}
