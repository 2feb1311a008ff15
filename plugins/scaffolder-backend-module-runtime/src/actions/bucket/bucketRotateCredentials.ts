import { NotFoundError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeBucketUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { bucketAccessNames } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  environmentField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { examples } from './bucketRotateCredentials.examples';
import { issueBucketKeys, readCredentialsClaim } from './bucketAccess';
import { requireOwnBucket } from './bucketClaim';
import { bucketNameField } from './bucketFields';

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: bucketNameField(z),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    bucket: z.string().describe('Name of the bucket'),
    credentialsPath: z
      .string()
      .describe(
        "Path in OpenBao's KV mount of the user's keys; never the keys",
      ),
    version: z
      .number()
      .describe(
        'The version of the stored keys that holds the new keys (on a dry run: the version it would be)',
      ),
    entityRef: z.string().describe('Catalog entity ref of the bucket resource'),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:bucket:rotate-credentials`. */
type BucketRotateCredentialsOutput = zod.output<
  ReturnType<typeof outputSchema>
>;

/**
 * `runtime:bucket:rotate-credentials`: issues a new secret key for the MinIO user that
 * `runtime:bucket:create` gave the bucket's service, and stores it where the create stored the keys
 * (a new version of `<service>/buckets/<bucket>` in OpenBao). The previous secret key stops working.
 *
 * The bucket's tags and the stored keys' metadata must record the input's owner and service. The
 * user keeps its access key (a MinIO user's name), its policy and the readers of the stored keys
 * (OpenBao policy and Kubernetes auth role) as they are. A MinIO user has one secret key at a time,
 * so between the switch in MinIO and the write to OpenBao the stored keys are the old ones; the keys
 * are marked `issuing` first, so a run that stops there is finished by the next run (of this action
 * or of the create), which issues and stores keys again.
 *
 * @public
 */
export const bucketRotateCredentialsAction = defineProvisioningAction({
  id: 'runtime:bucket:rotate-credentials',
  registryName: 'runtime-bucket-rotate-credentials',
  title: "Rotate a Runtime bucket's credentials",
  description:
    "Issues a new secret key for the MinIO user of a service's bucket and stores it in OpenBao where the bucket's keys are (never in the output); the old key stops working, the readers of the keys stay as they are. Refused for another team's bucket.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeBucketUpdatePermission,
  upstream: () => ['objectStorage', 'openbao'],
  destructive: true,
  provision: rotateBucketCredentials,
});

/**
 * The scaffolder action `runtime:bucket:rotate-credentials` (see `bucketRotateCredentialsAction`).
 *
 * @public
 */
export function createRuntimeBucketRotateCredentialsAction(
  deps: RuntimeActionDeps,
) {
  return toScaffolderAction(bucketRotateCredentialsAction, deps);
}

async function rotateBucketCredentials(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<BucketRotateCredentialsOutput> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const bucket = input.name;
  const storage = deps.clients.client(input.environment, 'objectStorage');
  const openbao = deps.clients.client(input.environment, 'openbao');
  const endpoint = deps.clients.environment(input.environment).objectStorage!
    .endpoint;
  const names = bucketAccessNames(input.service, bucket);
  const { accessKey, policyName, credentialsPath } = names;
  const signal = run.signal;

  const version = await audited(
    run,
    deps,
    'runtime-bucket-rotate-credentials',
    {
      environment: input.environment,
      bucket,
      owner,
      service: input.service,
      credentialsPath,
    },
    async () => {
      await requireOwnBucket(storage, bucket, claim, signal);
      const metadata = await readCredentialsClaim({
        openbao,
        credentialsPath,
        bucket,
        owner,
        service: input.service,
        signal,
      });
      const user = await storage.admin.getUser(accessKey, { signal });
      if (!metadata || metadata.currentVersion === 0 || !user) {
        throw new NotFoundError(
          `Bucket ${bucket} has no credentials of ${input.service} to rotate (${
            user ? 'no keys' : `no MinIO user ${accessKey}`
          }${
            metadata?.currentVersion ? '' : ` and no keys at ${credentialsPath}`
          }); run runtime:bucket:create with credentials to give it some`,
        );
      }
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would issue a new secret key for MinIO user ${accessKey} of bucket ${bucket} and store it as version ${
            metadata.currentVersion + 1
          } at ${credentialsPath}; the current key would stop working, the readers of the keys stay as they are`,
        );
        return metadata.currentVersion + 1;
      }
      return run.checkpoint({
        key: `bucket-rotate-credentials.${input.environment}.${bucket}`,
        fn: async () => {
          const written = await issueBucketKeys({
            storage,
            openbao,
            bucket,
            service: input.service,
            owner,
            endpoint,
            metadata,
            names,
            policies: user.policies.length ? user.policies : [policyName],
            signal,
          });
          run.logger.info(
            `Issued a new secret key for MinIO user ${accessKey} of bucket ${bucket}, stored as version ${written} at ${credentialsPath}; the previous key no longer works`,
          );
          await announceResourceChange(run, deps, {
            environment: input.environment,
            source: 'openbao',
          });
          return written;
        },
      });
    },
  );

  return {
    bucket,
    credentialsPath,
    version,
    entityRef: runtimeResourceEntityRef({
      prefix: deps.namePrefix,
      environment: input.environment,
      type: RUNTIME_RESOURCE_TYPES.bucket,
      name: bucket,
    }),
  };
}
