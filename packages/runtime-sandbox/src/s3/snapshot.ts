import { canonicalJson, digestOf } from '../snapshot/canonicalJson';
import { S3Bucket, S3State } from './s3State';

/** One stored object in an {@link S3Snapshot} (its body shows through its ETag and size). */
export interface S3ObjectSnapshot {
  /** Quoted MD5 hex of the body, as S3 answers it. */
  etag: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: string;
}

/** One bucket in an {@link S3Snapshot}; configuration left unset is absent, as on S3. */
export interface S3BucketSnapshot {
  /** The owning account (`runtime-portal`, or `another-team` for the foreign bucket). */
  ownerId: string;
  createdAt: string;
  versioning?: 'Enabled' | 'Suspended';
  /** The lifecycle rules as received (parsed XML elements). */
  lifecycleRules?: Array<Record<string, unknown>>;
  tags?: Record<string, string>;
  /** The bucket policy document as received. */
  policy?: string;
  /** Objects by key. */
  objects: Record<string, S3ObjectSnapshot>;
}

/** One MinIO user (admin API `add-user`) in an {@link S3Snapshot}. */
export interface S3UserSnapshot {
  /** SHA-256 (hex) of the secret key: a rotation shows, the key never appears. */
  secretKeySha256: string;
  /** Names of the canned policies attached, in the order set. */
  policies: string[];
  /** When the policy mapping was last set; absent while the user has none. */
  policiesUpdatedAt?: string;
  status: 'enabled' | 'disabled';
}

/** One MinIO canned policy in an {@link S3Snapshot}. */
export interface S3CannedPolicySnapshot {
  /** The IAM policy document. */
  document: Record<string, unknown>;
  createDate: string;
  updateDate: string;
}

/**
 * The sandbox S3 (MinIO) server's state in a {@link SandboxSnapshot}. The stand-in has no service
 * accounts, groups or STS credentials, so there are none to show.
 */
export interface S3Snapshot {
  /** Buckets by name, the foreign `shared-archive` included. */
  buckets: Record<string, S3BucketSnapshot>;
  /** MinIO users by access key, the portal's own user included. */
  users: Record<string, S3UserSnapshot>;
  /** Canned policies by name. */
  cannedPolicies: Record<string, S3CannedPolicySnapshot>;
}

/** Reads every bucket, user and canned policy (the accounts and their root keys are fixed). */
export function s3Snapshot(state: S3State): S3Snapshot {
  const users: Record<string, S3UserSnapshot> = {};
  for (const [accessKey, user] of state.iam.users) {
    users[accessKey] = {
      secretKeySha256: digestOf(user.secretKey),
      policies: user.policies,
      ...(user.policiesUpdatedAt
        ? { policiesUpdatedAt: user.policiesUpdatedAt.toISOString() }
        : {}),
      status: user.status,
    };
  }
  const cannedPolicies: Record<string, S3CannedPolicySnapshot> = {};
  for (const [name, policy] of state.iam.policies) {
    cannedPolicies[name] = {
      document: policy.document as unknown as Record<string, unknown>,
      createDate: policy.createDate.toISOString(),
      updateDate: policy.updateDate.toISOString(),
    };
  }
  const buckets: Record<string, S3BucketSnapshot> = {};
  for (const [name, bucket] of state.buckets) {
    buckets[name] = bucketSnapshot(bucket);
  }
  return canonicalJson({ buckets, users, cannedPolicies });
}

function bucketSnapshot(bucket: S3Bucket): S3BucketSnapshot {
  const objects: Record<string, S3ObjectSnapshot> = {};
  for (const [key, object] of bucket.objects) {
    objects[key] = {
      etag: object.etag,
      size: object.body.length,
      contentType: object.contentType,
      metadata: object.metadata,
      lastModified: object.lastModified.toISOString(),
    };
  }
  return {
    ownerId: bucket.ownerId,
    createdAt: bucket.createdAt.toISOString(),
    versioning: bucket.versioning,
    lifecycleRules: bucket.lifecycleRules,
    tags: bucket.tags,
    policy: bucket.policy,
    objects,
  };
}
