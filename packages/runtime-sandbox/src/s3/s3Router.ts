import {
  deleteBucketLifecycle,
  deleteBucketPolicy,
  deleteBucketTagging,
  getBucketLifecycle,
  getBucketPolicy,
  getBucketTagging,
  getBucketVersioning,
  putBucketLifecycle,
  putBucketPolicy,
  putBucketTagging,
  putBucketVersioning,
} from './bucketConfiguration';
import { isValidBucketName } from './bucketNames';
import {
  createBucket,
  deleteBucket,
  headBucket,
  isForceDelete,
} from './bucketOperations';
import {
  deleteObject,
  getObject,
  listObjectsV2,
  putObject,
} from './objectOperations';
import { S3Error } from './s3Errors';
import { S3Request, S3Response } from './s3Request';

type Operation = (request: S3Request) => S3Response;

/** An operation with the IAM action a user's policies must allow for it (as MinIO checks). */
type AuthorizedOperation = readonly [Operation, string];

/** Bucket subresources the sandbox serves, by query parameter and method. */
const SUBRESOURCES: Record<
  string,
  Partial<Record<string, AuthorizedOperation>>
> = {
  versioning: {
    GET: [getBucketVersioning, 's3:GetBucketVersioning'],
    PUT: [putBucketVersioning, 's3:PutBucketVersioning'],
  },
  lifecycle: {
    GET: [getBucketLifecycle, 's3:GetLifecycleConfiguration'],
    PUT: [putBucketLifecycle, 's3:PutLifecycleConfiguration'],
    DELETE: [deleteBucketLifecycle, 's3:PutLifecycleConfiguration'],
  },
  tagging: {
    GET: [getBucketTagging, 's3:GetBucketTagging'],
    PUT: [putBucketTagging, 's3:PutBucketTagging'],
    DELETE: [deleteBucketTagging, 's3:PutBucketTagging'],
  },
  policy: {
    GET: [getBucketPolicy, 's3:GetBucketPolicy'],
    PUT: [putBucketPolicy, 's3:PutBucketPolicy'],
    DELETE: [deleteBucketPolicy, 's3:DeleteBucketPolicy'],
  },
};

/** Other S3 subresources: a real server knows them, the sandbox answers `NotImplemented`. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'cors',
  'encryption',
  'location',
  'logging',
  'notification',
  'object-lock',
  'replication',
  'uploads',
  'uploadId',
  'versions',
  'website',
  'retention',
  'legal-hold',
  'attributes',
  'delete',
  'accelerate',
  'publicAccessBlock',
  'ownershipControls',
];

/** Dispatches a path-style request on a bucket (and maybe a key) to its S3 operation. */
export function routeBucketRequest(request: S3Request): S3Response {
  if (!isValidBucketName(request.bucket)) {
    throw new S3Error('InvalidBucketName', { bucket: request.bucket });
  }
  const subresource = Object.keys(SUBRESOURCES).find(name =>
    request.query.has(name),
  );
  if (subresource && request.key === undefined) {
    const operation = SUBRESOURCES[subresource][request.method];
    if (!operation)
      throw new S3Error('MethodNotAllowed', { bucket: request.bucket });
    return authorized(request, ...operation);
  }
  if (
    subresource ||
    UNSUPPORTED_SUBRESOURCES.some(name => request.query.has(name))
  ) {
    throw new S3Error('NotImplemented', {
      message:
        'A parameter you provided implies functionality that is not implemented',
    });
  }
  return request.key === undefined
    ? routeBucket(request)
    : routeObject(request);
}

function routeBucket(request: S3Request): S3Response {
  switch (request.method) {
    case 'PUT':
      return authorized(request, createBucket, 's3:CreateBucket');
    case 'HEAD':
      return authorized(request, headBucket, 's3:ListBucket');
    case 'DELETE':
      return authorized(
        request,
        deleteBucket,
        isForceDelete(request) ? 's3:ForceDeleteBucket' : 's3:DeleteBucket',
      );
    case 'GET':
      if (request.query.get('list-type') === '2')
        return authorized(request, listObjectsV2, 's3:ListBucket');
      throw new S3Error('NotImplemented', {
        message:
          'The sandbox lists objects with ListObjectsV2 (list-type=2) only',
      });
    default:
      throw new S3Error('MethodNotAllowed', { bucket: request.bucket });
  }
}

function routeObject(request: S3Request): S3Response {
  switch (request.method) {
    case 'PUT':
      if (request.headers['x-amz-copy-source'] !== undefined) {
        throw new S3Error('NotImplemented');
      }
      return authorized(request, putObject, 's3:PutObject');
    case 'GET':
      return authorized(request, getObject, 's3:GetObject');
    case 'HEAD':
      return authorized(request, headObject, 's3:GetObject');
    case 'DELETE':
      return authorized(request, deleteObject, 's3:DeleteObject');
    default:
      throw new S3Error('MethodNotAllowed', {
        bucket: request.bucket,
        key: request.key,
      });
  }
}

function headObject(request: S3Request): S3Response {
  return getObject(request, false);
}

/**
 * Runs the operation when the caller may: an account's own credentials always, an IAM user when
 * its policies allow the action on the bucket (`arn:aws:s3:::bucket`) or object
 * (`arn:aws:s3:::bucket/key`). Otherwise `AccessDenied`, before the bucket is even looked up.
 */
function authorized(
  request: S3Request,
  operation: Operation,
  action: string,
): S3Response {
  const { user, bucket, key } = request;
  const resource =
    key === undefined
      ? `arn:aws:s3:::${bucket}`
      : `arn:aws:s3:::${bucket}/${key}`;
  if (user && !request.state.iam.allows(user, action, resource)) {
    throw new S3Error('AccessDenied', { bucket, key });
  }
  return operation(request);
}
