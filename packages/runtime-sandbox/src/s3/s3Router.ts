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
import { createBucket, deleteBucket, headBucket } from './bucketOperations';
import {
  deleteObject,
  getObject,
  listObjectsV2,
  putObject,
} from './objectOperations';
import { S3Error } from './s3Errors';
import { S3Request, S3Response } from './s3Request';

type Operation = (request: S3Request) => S3Response;

/** Bucket subresources the sandbox serves, by query parameter and method. */
const SUBRESOURCES: Record<string, Partial<Record<string, Operation>>> = {
  versioning: { GET: getBucketVersioning, PUT: putBucketVersioning },
  lifecycle: {
    GET: getBucketLifecycle,
    PUT: putBucketLifecycle,
    DELETE: deleteBucketLifecycle,
  },
  tagging: {
    GET: getBucketTagging,
    PUT: putBucketTagging,
    DELETE: deleteBucketTagging,
  },
  policy: {
    GET: getBucketPolicy,
    PUT: putBucketPolicy,
    DELETE: deleteBucketPolicy,
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
    return operation(request);
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
      return createBucket(request);
    case 'HEAD':
      return headBucket(request);
    case 'DELETE':
      return deleteBucket(request);
    case 'GET':
      if (request.query.get('list-type') === '2') return listObjectsV2(request);
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
      return putObject(request);
    case 'GET':
      return getObject(request);
    case 'HEAD':
      return getObject(request, false);
    case 'DELETE':
      return deleteObject(request);
    default:
      throw new S3Error('MethodNotAllowed', {
        bucket: request.bucket,
        key: request.key,
      });
  }
}
