export { ObjectStorageClient, EXPIRATION_RULE_ID } from './ObjectStorageClient';
export { MinioAdminClient } from './admin/MinioAdminClient';
export type { MinioUserInfo } from './admin/MinioAdminClient';
export {
  decryptMadminData,
  encryptMadminData,
  MADMIN_ARGON2ID_AES_GCM,
  MADMIN_ARGON2ID_CHACHA20_POLY1305,
  MADMIN_PBKDF2_AES_GCM,
} from './admin/madminEncryption';
export type { MadminAlgorithmId } from './admin/madminEncryption';
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
  DeleteBucketOptions,
  ObjectStorageCallOptions,
} from './types';
