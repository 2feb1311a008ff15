import { PORTAL_IDENTITY } from '../deploy';
import { parsePolicyDocument } from './admin/iamPolicy';
import { S3State } from './s3State';

/**
 * Makes the portal's access keys what `deploy/` makes them: a MinIO user of the root's account with
 * the canned policy `runtime-portal` (the JSON of `deploy/minio/runtime-portal-policy.json`, checked
 * as `add-canned-policy` checks it) attached, as `mc admin user add` and
 * `mc admin policy attach` leave it. Never the root keys.
 */
export function seedPortalUser(
  state: S3State,
  keys: { accessKeyId: string; secretAccessKey: string },
  policy: string,
  now = new Date(),
): void {
  state.iam.putPolicy(
    PORTAL_IDENTITY.minioPolicy,
    parsePolicyDocument(Buffer.from(policy)),
    now,
  );
  state.iam.users.set(keys.accessKeyId, {
    accessKey: keys.accessKeyId,
    secretKey: keys.secretAccessKey,
    policies: [PORTAL_IDENTITY.minioPolicy],
    policiesUpdatedAt: now,
    status: 'enabled',
  });
}
