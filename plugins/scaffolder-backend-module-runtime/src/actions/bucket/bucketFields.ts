import { validateBucketName } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';

/** The longest expiry the bucket actions set (ten years). */
const MAX_EXPIRATION_DAYS = 3650;

/** A bucket name, checked as S3 (MinIO) checks it. */
export const bucketNameField = (z: typeof zod) =>
  z
    .string()
    .superRefine((name, ctx) => {
      for (const problem of validateBucketName(name)) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .describe(
      'Bucket name: 3-63 lowercase letters, digits, dots and hyphens, not an IP address',
    );

/** After how many days a bucket's objects expire (the portal's own lifecycle rule). */
export const expirationDaysField = (z: typeof zod) =>
  z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(MAX_EXPIRATION_DAYS, `must be at most ${MAX_EXPIRATION_DAYS} days`);
