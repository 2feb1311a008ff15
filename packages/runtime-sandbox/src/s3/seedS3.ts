import { RuntimeSeed } from '../seed';
import { S3State } from './s3State';

/**
 * Tag keys for the owning team and service. Copied from `@runtime-portal/backstage-plugin-runtime-common`
 * (`RUNTIME_OWNER_METADATA_KEY`, `RUNTIME_SERVICE_METADATA_KEY`): the sandbox imports no plugin package.
 */
const OWNER_TAG = 'owner';
const SERVICE_TAG = 'service';

/**
 * ID of the lifecycle rule that expires a bucket's objects. Copied from the object storage client
 * (`EXPIRATION_RULE_ID` in runtime-node), which edits the rule with this ID.
 */
const EXPIRATION_RULE_ID = 'runtime-portal-expiration';

/**
 * Creates each seeded service's buckets, owned by the portal's account, with versioning, an expiry
 * rule, `{owner, service}` tags and a policy that lets the service's user read and write objects.
 */
export function seedS3(state: S3State, seed: RuntimeSeed): void {
  const owner = state.portalAccount;
  for (const team of seed.teams) {
    for (const service of team.services) {
      for (const seeded of service.buckets ?? []) {
        const bucket = state.createBucket(seeded.name, owner.id);
        if (seeded.versioning) bucket.versioning = 'Enabled';
        if (seeded.expirationDays !== undefined) {
          bucket.lifecycleRules = [
            {
              ID: EXPIRATION_RULE_ID,
              Filter: { Prefix: '' },
              Status: 'Enabled',
              Expiration: { Days: String(seeded.expirationDays) },
            },
          ];
        }
        bucket.tags = { [OWNER_TAG]: team.name, [SERVICE_TAG]: service.name };
        bucket.policy = JSON.stringify(
          servicePolicy(seeded.name, service.name),
        );
      }
    }
  }
}

function servicePolicy(bucket: string, service: string) {
  const principal = { AWS: [`arn:aws:iam:::user/${service}`] };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ServiceListsBucket',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: [`arn:aws:s3:::${bucket}`],
      },
      {
        Sid: 'ServiceReadsAndWritesObjects',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      },
    ],
  };
}
