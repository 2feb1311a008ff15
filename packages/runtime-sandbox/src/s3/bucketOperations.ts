import { isValidBucketName } from './bucketNames';
import { S3Error } from './s3Errors';
import { IamUser } from './admin/iamState';
import { S3Account, S3State } from './s3State';
import {
  S3Request,
  S3Response,
  emptyResponse,
  ownBucket,
  xmlResponse,
} from './s3Request';
import { parseS3Xml } from './s3Xml';

/**
 * ListBuckets (`GET /`): the caller's own buckets, by name. An IAM user without
 * `s3:ListAllMyBuckets` sees the buckets it may `s3:ListBucket`, and `AccessDenied` when there are
 * none (as MinIO answers).
 */
export function listBuckets(
  state: S3State,
  account: S3Account,
  user?: IamUser,
): S3Response {
  let buckets = [...state.buckets.values()]
    .filter(bucket => bucket.ownerId === account.id)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (
    user &&
    !state.iam.allows(user, 's3:ListAllMyBuckets', 'arn:aws:s3:::*')
  ) {
    buckets = buckets.filter(bucket =>
      state.iam.allows(user, 's3:ListBucket', `arn:aws:s3:::${bucket.name}`),
    );
    if (buckets.length === 0) throw new S3Error('AccessDenied');
  }
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: { ID: account.id, DisplayName: account.displayName },
    Buckets: {
      Bucket: buckets.map(bucket => ({
        Name: bucket.name,
        CreationDate: bucket.createdAt.toISOString(),
      })),
    },
  });
}

/**
 * CreateBucket (`PUT /{bucket}`): 409 `BucketAlreadyOwnedByYou` when the caller owns it already (as
 * MinIO answers in every region), 409 `BucketAlreadyExists` when another account does.
 */
export function createBucket(request: S3Request): S3Response {
  const { state, account, bucket: name } = request;
  if (!isValidBucketName(name))
    throw new S3Error('InvalidBucketName', { bucket: name });
  if (request.body.length > 0) {
    parseS3Xml(request.body, 'CreateBucketConfiguration'); // LocationConstraint: any region is accepted
  }
  const existing = state.buckets.get(name);
  if (existing) {
    throw new S3Error(
      existing.ownerId === account.id
        ? 'BucketAlreadyOwnedByYou'
        : 'BucketAlreadyExists',
      { bucket: name },
    );
  }
  state.createBucket(name, account.id);
  return { status: 200, headers: { location: `/${name}` } };
}

/** HeadBucket (`HEAD /{bucket}`). */
export function headBucket(request: S3Request): S3Response {
  ownBucket(request);
  return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' } };
}

/**
 * MinIO's `x-minio-force-delete` header of DeleteBucket: `true` deletes the bucket with its objects
 * (authorised as `s3:ForceDeleteBucket`), `false` or absent is a plain DeleteBucket, anything else is
 * 400 `InvalidRequest` (minio cmd/bucket-handlers.go DeleteBucketHandler).
 */
export function isForceDelete(request: S3Request): boolean {
  const value = request.headers['x-minio-force-delete'];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new S3Error('InvalidRequest', { bucket: request.bucket });
}

/**
 * DeleteBucket (`DELETE /{bucket}`): only an empty bucket, else 409 `BucketNotEmpty`; with MinIO's
 * force delete, the bucket and its objects.
 */
export function deleteBucket(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  if (bucket.objects.size > 0 && !isForceDelete(request))
    throw new S3Error('BucketNotEmpty', { bucket: bucket.name });
  request.state.buckets.delete(bucket.name);
  return emptyResponse(204);
}
