export { startS3Server } from './startS3Server';
export { FOREIGN_BUCKET_NAME } from './s3State';
