import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketTaggingCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  LifecycleRule,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ObjectStorageAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { mapConcurrently } from '../http/mapConcurrently';
import { MinioAdminClient } from './admin/MinioAdminClient';
import { s3ErrorCode, toObjectStorageError } from './objectStorageErrors';
import {
  BucketLifecycle,
  BucketLifecycleRule,
  BucketPolicy,
  BucketSummary,
  BucketVersioning,
  BucketWithTags,
  DeleteBucketOptions,
  ObjectStorageCallOptions,
} from './types';

/**
 * ID of the lifecycle rule through which the portal sets a bucket's expiration. Other rules on the
 * bucket are left as they are.
 *
 * @public
 */
export const EXPIRATION_RULE_ID = 'runtime-portal-expiration';

/** MinIO's header that makes `DeleteBucket` delete the bucket's objects too (minio cmd/bucket-handlers.go). */
const MINIO_FORCE_DELETE = 'x-minio-force-delete';

/** How many attempts a safe call gets (the SDK retries throttling, 5xx, timeouts, resets). */
const SAFE_CALL_ATTEMPTS = 3;
/** How many tag requests `listBucketsWithTags` runs at once. */
const TAG_FETCH_CONCURRENCY = 8;

/**
 * A typed client for one environment's S3-compatible object storage (MinIO), on the AWS SDK.
 *
 * Every call has the configured timeout per attempt and takes an abort signal. Reads and
 * configuration writes (which replace the whole configuration, so repeating them is harmless) are
 * retried by the SDK on transient failures; `createBucket` and `deleteBucket` are sent once, because
 * a retry after a lost answer would report `exists` for a bucket this call created, or `NotFound` for
 * one it deleted. Every failure is a {@link RuntimeUpstreamError} of the `objectStorage` upstream.
 *
 * @public
 */
export class ObjectStorageClient {
  /** MinIO's admin API on the same endpoint and credentials: canned policies and users. */
  readonly admin: MinioAdminClient;
  private readonly environment: string;
  private readonly secretAccessKey: string;
  private readonly safeCalls: S3Client;
  private readonly onceCalls: S3Client;

  constructor(options: { environment: string; access: ObjectStorageAccess }) {
    const { access } = options;
    this.environment = options.environment;
    this.secretAccessKey = access.secretAccessKey;
    const config = {
      endpoint: access.endpoint,
      region: access.region,
      forcePathStyle: access.forcePathStyle,
      credentials: {
        accessKeyId: access.accessKeyId,
        secretAccessKey: access.secretAccessKey,
      },
      requestHandler: {
        connectionTimeout: access.timeoutMs,
        requestTimeout: access.timeoutMs,
        throwOnRequestTimeout: true,
      },
    };
    this.safeCalls = new S3Client({
      ...config,
      maxAttempts: SAFE_CALL_ATTEMPTS,
    });
    this.onceCalls = new S3Client({ ...config, maxAttempts: 1 });
    this.admin = new MinioAdminClient(options);
  }

  /**
   * Creates a bucket. `exists` when the portal's account owns it already (MinIO's 409
   * `BucketAlreadyOwnedByYou`); an `AlreadyExists` error when another account owns the name.
   */
  async createBucket(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<'created' | 'exists'> {
    return this.run(
      `create bucket ${name}`,
      () =>
        this.onceCalls
          .send(new CreateBucketCommand({ Bucket: name }), sendOptions(options))
          .then(() => 'created' as const),
      { BucketAlreadyOwnedByYou: 'exists' },
    );
  }

  /** Whether the bucket exists (and the portal may use it). */
  async headBucket(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<boolean> {
    return this.run(
      `check bucket ${name}`,
      () =>
        this.safeCalls
          .send(new HeadBucketCommand({ Bucket: name }), sendOptions(options))
          .then(() => true),
      { NotFound: false, NoSuchBucket: false },
    );
  }

  /**
   * Deletes an empty bucket (a `Conflict` error when it still holds objects or, when versioned,
   * object versions). With `force`, deletes it with everything in it: MinIO's
   * `x-minio-force-delete: true` header, which MinIO authorises as `s3:ForceDeleteBucket`.
   */
  async deleteBucket(
    name: string,
    options?: DeleteBucketOptions,
  ): Promise<void> {
    const command = new DeleteBucketCommand({ Bucket: name });
    if (options?.force) {
      command.middlewareStack.add(
        next => args => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) request.headers[MINIO_FORCE_DELETE] = 'true';
          return next(args);
        },
        { step: 'build', name: 'minioForceDelete' },
      );
    }
    await this.run(
      `${options?.force ? 'force-delete' : 'delete'} bucket ${name}`,
      () => this.onceCalls.send(command, sendOptions(options)),
    );
  }

  /** Whether the bucket holds at least one object (a `ListObjectsV2` of one key). */
  async hasObjects(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<boolean> {
    const command = new ListObjectsV2Command({ Bucket: name, MaxKeys: 1 });
    return this.run(`list objects of bucket ${name}`, () =>
      this.safeCalls
        .send(command, sendOptions(options))
        .then(({ Contents, KeyCount }) =>
          Boolean((KeyCount ?? 0) > 0 || (Contents ?? []).length > 0),
        ),
    );
  }

  /** Enables versioning, or suspends it (a versioned bucket cannot become unversioned). */
  async setVersioning(
    name: string,
    enabled: boolean,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const command = new PutBucketVersioningCommand({
      Bucket: name,
      VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended' },
    });
    await this.run(`set versioning of bucket ${name}`, () =>
      this.safeCalls.send(command, sendOptions(options)),
    );
  }

  /** The bucket's versioning state. */
  async getVersioning(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<BucketVersioning> {
    const { Status } = await this.run(`read versioning of bucket ${name}`, () =>
      this.safeCalls.send(
        new GetBucketVersioningCommand({ Bucket: name }),
        sendOptions(options),
      ),
    );
    return Status ?? 'Unversioned';
  }

  /**
   * Sets after how many days the bucket's objects expire, through the rule {@link EXPIRATION_RULE_ID}
   * (other lifecycle rules are kept); `undefined` removes that rule.
   */
  async setExpiration(
    name: string,
    days: number | undefined,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `set expiration of bucket ${name}`;
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
      throw new RuntimeUpstreamError({
        upstream: 'objectStorage',
        environment: this.environment,
        operation,
        reason: 'Invalid',
        detail: 'expiration days must be a positive whole number',
      });
    }
    const rules = (await this.lifecycleRules(name, options)).filter(
      rule => rule.ID !== EXPIRATION_RULE_ID,
    );
    if (days !== undefined) {
      rules.push({
        ID: EXPIRATION_RULE_ID,
        Status: 'Enabled',
        Filter: { Prefix: '' },
        Expiration: { Days: days },
      });
    }
    const Bucket = name;
    await this.run(operation, () =>
      rules.length === 0
        ? this.safeCalls.send(
            new DeleteBucketLifecycleCommand({ Bucket }),
            sendOptions(options),
          )
        : this.safeCalls.send(
            new PutBucketLifecycleConfigurationCommand({
              Bucket,
              LifecycleConfiguration: { Rules: rules },
            }),
            sendOptions(options),
          ),
    );
  }

  /** The bucket's lifecycle rules and effective expiration; no rules when none are set. */
  async getLifecycle(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<BucketLifecycle> {
    const rules = (await this.lifecycleRules(name, options)).map(summariseRule);
    const covering = rules.filter(
      rule =>
        rule.enabled && !rule.prefix && !rule.filtered && rule.expirationDays,
    );
    const own = covering.find(rule => rule.id === EXPIRATION_RULE_ID);
    return { expirationDays: (own ?? covering[0])?.expirationDays, rules };
  }

  /** Replaces the bucket's tags; an empty map removes them. */
  async setTags(
    name: string,
    tags: Record<string, string>,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `set tags of bucket ${name}`;
    const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    await this.run(operation, () =>
      TagSet.length === 0
        ? this.safeCalls.send(
            new DeleteBucketTaggingCommand({ Bucket: name }),
            sendOptions(options),
          )
        : this.safeCalls.send(
            new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet } }),
            sendOptions(options),
          ),
    );
  }

  /** The bucket's tags; empty when it has none (`NoSuchTagSet`). */
  async getTags(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<Record<string, string>> {
    return this.run(
      `read tags of bucket ${name}`,
      () =>
        this.safeCalls
          .send(
            new GetBucketTaggingCommand({ Bucket: name }),
            sendOptions(options),
          )
          .then(({ TagSet }) =>
            Object.fromEntries(
              (TagSet ?? []).map(tag => [tag.Key ?? '', tag.Value ?? '']),
            ),
          ),
      { NoSuchTagSet: {} },
    );
  }

  /** Replaces the bucket policy (a JSON document or its text). */
  async setPolicy(
    name: string,
    policy: BucketPolicy | string,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const command = new PutBucketPolicyCommand({
      Bucket: name,
      Policy: typeof policy === 'string' ? policy : JSON.stringify(policy),
    });
    await this.run(`set policy of bucket ${name}`, () =>
      this.safeCalls.send(command, sendOptions(options)),
    );
  }

  /** The bucket policy; undefined when the bucket has none (`NoSuchBucketPolicy`). */
  async getPolicy(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<BucketPolicy | undefined> {
    return this.run(
      `read policy of bucket ${name}`,
      () =>
        this.safeCalls
          .send(
            new GetBucketPolicyCommand({ Bucket: name }),
            sendOptions(options),
          )
          .then(({ Policy }) =>
            Policy ? (JSON.parse(Policy) as BucketPolicy) : undefined,
          ),
      { NoSuchBucketPolicy: undefined },
    );
  }

  /** The buckets of the portal's account, following continuation tokens where the server pages. */
  async listBuckets(
    options?: ObjectStorageCallOptions,
  ): Promise<BucketSummary[]> {
    const buckets: BucketSummary[] = [];
    let ContinuationToken: string | undefined;
    do {
      const command = new ListBucketsCommand({ ContinuationToken });
      const page = await this.run('list buckets', () =>
        this.safeCalls.send(command, sendOptions(options)),
      );
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name)
          buckets.push({ name: bucket.Name, createdAt: bucket.CreationDate });
      }
      ContinuationToken = page.ContinuationToken || undefined;
    } while (ContinuationToken);
    return buckets;
  }

  /**
   * The buckets with their tags, fetched a few at a time. A bucket deleted while the list is being
   * read is left out.
   */
  async listBucketsWithTags(
    options?: ObjectStorageCallOptions,
  ): Promise<BucketWithTags[]> {
    const buckets = await this.listBuckets(options);
    const withTags = await mapConcurrently(
      buckets,
      TAG_FETCH_CONCURRENCY,
      async bucket => {
        try {
          return { ...bucket, tags: await this.getTags(bucket.name, options) };
        } catch (error) {
          if (
            error instanceof RuntimeUpstreamError &&
            error.reason === 'NotFound'
          ) {
            return undefined;
          }
          throw error;
        }
      },
    );
    return withTags.filter(
      (bucket): bucket is BucketWithTags => bucket !== undefined,
    );
  }

  private lifecycleRules(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<LifecycleRule[]> {
    const command = new GetBucketLifecycleConfigurationCommand({
      Bucket: name,
    });
    return this.run(
      `read lifecycle of bucket ${name}`,
      () =>
        this.safeCalls
          .send(command, sendOptions(options))
          .then(({ Rules }) => Rules ?? []),
      { NoSuchLifecycleConfiguration: [] },
    );
  }

  /**
   * Runs an SDK call; an S3 error code listed in `answers` is an answer rather than a failure, any
   * other failure becomes a {@link RuntimeUpstreamError}.
   */
  private async run<T>(
    operation: string,
    call: () => Promise<T>,
    answers: Record<string, T> = {},
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const code = s3ErrorCode(error);
      if (
        code !== undefined &&
        Object.prototype.hasOwnProperty.call(answers, code)
      ) {
        return answers[code];
      }
      throw this.error(error, operation);
    }
  }

  private error(error: unknown, operation: string): RuntimeUpstreamError {
    return toObjectStorageError(error, {
      environment: this.environment,
      operation,
      secretAccessKey: this.secretAccessKey,
    });
  }
}

function sendOptions(options: ObjectStorageCallOptions | undefined) {
  return { abortSignal: options?.signal };
}

function summariseRule(rule: LifecycleRule): BucketLifecycleRule {
  const filter = rule.Filter;
  return {
    id: rule.ID,
    enabled: rule.Status === 'Enabled',
    prefix: filter?.Prefix ?? rule.Prefix ?? filter?.And?.Prefix ?? '',
    filtered: Boolean(
      filter?.Tag ||
        filter?.And ||
        filter?.ObjectSizeGreaterThan !== undefined ||
        filter?.ObjectSizeLessThan !== undefined,
    ),
    expirationDays: rule.Expiration?.Days,
  };
}
