export { ObjectStorageClient, EXPIRATION_RULE_ID } from './ObjectStorageClient';
export { validateBucketName } from './bucketNames';
export type {
  BucketLifecycle,
  BucketLifecycleRule,
  BucketPolicy,
  BucketSummary,
  BucketVersioning,
  BucketWithTags,
  ObjectStorageCallOptions,
} from './types';
