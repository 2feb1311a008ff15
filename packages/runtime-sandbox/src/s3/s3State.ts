import { randomBytes } from 'node:crypto';
import { IamState } from './admin/iamState';

/** An account of the sandbox S3 server, with the one access key it signs with. */
export interface S3Account {
  id: string;
  displayName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An object stored in a bucket. */
export interface S3Object {
  key: string;
  body: Buffer;
  /** Quoted MD5 hex, as S3 answers it. */
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: Date;
}

/** A bucket and its configuration. Configuration left unset is absent, as on S3. */
export interface S3Bucket {
  name: string;
  ownerId: string;
  createdAt: Date;
  versioning?: 'Enabled' | 'Suspended';
  /** The lifecycle rules as received (parsed XML elements). */
  lifecycleRules?: Array<Record<string, unknown>>;
  tags?: Record<string, string>;
  /** The policy document as received. */
  policy?: string;
  objects: Map<string, S3Object>;
}

/**
 * A bucket that exists on the sandbox but belongs to another account: creating it answers
 * `BucketAlreadyExists`, any other call `AccessDenied`.
 */
export const FOREIGN_BUCKET_NAME = 'shared-archive';

/** The in-memory state of the sandbox S3 server: accounts, buckets, and MinIO's users and policies. */
export class S3State {
  readonly buckets = new Map<string, S3Bucket>();
  /** The account the sandbox credentials sign as; it owns the seeded buckets. */
  readonly portalAccount: S3Account;
  /** Users and canned policies managed through the admin API; the users act within the portal's account. */
  readonly iam = new IamState();
  private readonly accountsByKey = new Map<string, S3Account>();

  constructor(portalKeys: Pick<S3Account, 'accessKeyId' | 'secretAccessKey'>) {
    this.portalAccount = this.addAccount({
      id: 'runtime-portal',
      displayName: 'runtime-portal',
      ...portalKeys,
    });
    const other = this.addAccount({
      id: 'another-team',
      displayName: 'another-team',
      accessKeyId: `other-${randomBytes(8).toString('hex')}`,
      secretAccessKey: randomBytes(24).toString('hex'),
    });
    this.createBucket(FOREIGN_BUCKET_NAME, other.id);
  }

  /** The account an access key belongs to. */
  accountFor(accessKeyId: string): S3Account | undefined {
    return this.accountsByKey.get(accessKeyId);
  }

  /** The secret key that signs for an access key: an account's, or an enabled IAM user's. */
  secretFor(accessKeyId: string): string | undefined {
    return (
      this.accountFor(accessKeyId)?.secretAccessKey ??
      this.iam.secretFor(accessKeyId)
    );
  }

  /** Adds an empty bucket owned by the account. */
  createBucket(
    name: string,
    ownerId: string,
    createdAt = new Date(),
  ): S3Bucket {
    const bucket: S3Bucket = { name, ownerId, createdAt, objects: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }

  private addAccount(account: S3Account): S3Account {
    this.accountsByKey.set(account.accessKeyId, account);
    return account;
  }
}
