import { createHash } from 'node:crypto';
import { BucketPolicy } from './types';

/**
 * The names of a service's identity for one bucket: its MinIO policy and user, and where the user's
 * keys are kept in OpenBao.
 *
 * @public
 */
export interface BucketAccessNames {
  /** The MinIO (IAM) policy granting the bucket, `runtime-bucket-<bucket>`. */
  policyName: string;
  /** The MinIO user's access key: `bucket-` and 13 hex digits of the bucket name's SHA-256. */
  accessKey: string;
  /** Path of the keys in the environment's OpenBao KV mount, `<service>/buckets/<bucket>`. */
  credentialsPath: string;
}

/**
 * The names of `service`'s identity for `bucket`; the provisioning action creates them and the
 * bucket's page reads them.
 *
 * @public
 */
export function bucketAccessNames(
  service: string,
  bucket: string,
): BucketAccessNames {
  const digest = createHash('sha256').update(bucket).digest('hex');
  return {
    policyName: `runtime-bucket-${bucket}`,
    accessKey: `bucket-${digest.slice(0, 13)}`,
    credentialsPath: `${service}/buckets/${bucket}`,
  };
}

/**
 * The MinIO policy of a bucket's user: list the bucket, and read, write and delete its objects.
 * MinIO evaluates bucket policies only for anonymous requests, so a user's access comes from this.
 *
 * @public
 */
export function bucketAccessPolicy(bucket: string): BucketPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RuntimePortalBucketList',
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`],
      },
      {
        Sid: 'RuntimePortalBucketObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      },
    ],
  };
}
