/**
 * Options every {@link ObjectStorageClient} call takes.
 *
 * @public
 */
export interface ObjectStorageCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Options of {@link ObjectStorageClient.deleteBucket}.
 *
 * @public
 */
export interface DeleteBucketOptions extends ObjectStorageCallOptions {
  /** Delete the bucket with its objects and versions (MinIO's force delete). */
  force?: boolean;
}

/**
 * A bucket as listed.
 *
 * @public
 */
export interface BucketSummary {
  name: string;
  createdAt?: Date;
}

/**
 * A bucket with its tags.
 *
 * @public
 */
export interface BucketWithTags extends BucketSummary {
  tags: Record<string, string>;
}

/**
 * A bucket's versioning state. A versioned bucket can be suspended but never becomes unversioned.
 *
 * @public
 */
export type BucketVersioning = 'Enabled' | 'Suspended' | 'Unversioned';

/**
 * One lifecycle rule, summarised.
 *
 * @public
 */
export interface BucketLifecycleRule {
  id?: string;
  enabled: boolean;
  /** The key prefix the rule applies to; empty for the whole bucket. */
  prefix: string;
  /** Whether the rule also filters on tags or object size (so it does not cover every object). */
  filtered: boolean;
  expirationDays?: number;
}

/**
 * A bucket's lifecycle configuration.
 *
 * @public
 */
export interface BucketLifecycle {
  /**
   * After how many days objects expire: the portal's own expiration rule, else an enabled rule that
   * expires every object of the bucket. Undefined when objects never expire.
   */
  expirationDays?: number;
  rules: BucketLifecycleRule[];
}

/**
 * A bucket policy document (IAM policy language).
 *
 * @public
 */
export interface BucketPolicy {
  Version: string;
  Statement: Array<Record<string, unknown>>;
  [key: string]: unknown;
}
