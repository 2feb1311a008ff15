export { ObjectStorageClient, EXPIRATION_RULE_ID } from './ObjectStorageClient';
export { MinioAdminClient } from './admin/MinioAdminClient';
export type { MinioUserInfo } from './admin/MinioAdminClient';
export { validateBucketName } from './bucketNames';
export { bucketAccessNames, bucketAccessPolicy } from './bucketAccess';
export type { BucketAccessNames } from './bucketAccess';
export type {
  BucketLifecycle,
  BucketLifecycleRule,
  BucketPolicy,
  BucketSummary,
  BucketVersioning,
  BucketWithTags,
  ObjectStorageCallOptions,
} from './types';
