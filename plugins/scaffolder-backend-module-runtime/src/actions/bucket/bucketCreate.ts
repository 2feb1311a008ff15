import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  runtimeBucketCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ObjectStorageClient,
  OpenBaoSecretMetadata,
  bucketAccessNames,
  bucketKeysGrantName,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  defineProvisioningAction,
  toScaffolderAction,
  audited,
  dnsLabel,
  environmentField,
  grantSecretRead,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  RuntimeActionRun,
  announceResourceChange,
  createExpiry,
  describeExpiry,
  expiresAfterField,
} from '../shared';
import { examples } from './bucketCreate.examples';
import { ensureBucketAccess, readCredentialsClaim } from './bucketAccess';
import {
  bucketExists,
  checkOwnership,
  takenByAnotherAccount,
} from './bucketClaim';
import { bucketNameField, expirationDaysField } from './bucketFields';

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: bucketNameField(z),
    versioning: z
      .boolean()
      .default(true)
      .describe('Keep every version of each object (default true)'),
    expirationDays: expirationDaysField(z)
      .optional()
      .describe(
        'Delete objects this many days after they are written; unset keeps them',
      ),
    credentials: z
      .boolean()
      .default(true)
      .describe(
        'Create a MinIO user for the service that can use this bucket only, its keys stored in OpenBao at <service>/buckets/<bucket> (default true; needs OpenBao in the environment)',
      ),
    namespace: dnsLabel(
      z,
      "Kubernetes namespace of the service's service account: with credentials, an OpenBao Kubernetes auth role lets it read the keys",
    ).optional(),
    serviceAccount: dnsLabel(
      z,
      'Kubernetes service account that may read the keys; defaults to the service name',
    ).optional(),
    expiresAfter: expiresAfterField(z),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    bucket: z.string().describe('Name of the bucket'),
    endpoint: z
      .string()
      .describe("The environment's S3 endpoint (path-style addressing)"),
    entityRef: z.string().describe('Catalog entity ref of the bucket resource'),
    policyName: z
      .string()
      .optional()
      .describe("The MinIO policy of the bucket's user (with credentials)"),
    credentialsPath: z
      .string()
      .optional()
      .describe(
        "Path in OpenBao's KV mount of the user's keys (with credentials); never the keys",
      ),
    roleName: z
      .string()
      .optional()
      .describe(
        'OpenBao Kubernetes auth role (and ACL policy) that reads the keys (with credentials and a namespace)',
      ),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the bucket expires (ISO 8601 UTC), as recorded in its tags; absent when it never does',
      ),
  });

/** The outputs of `runtime:bucket:create`. */
type BucketCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:bucket:create`: creates an object storage bucket tagged with its owner and service, with
 * versioning and an optional expiry; with `credentials`, the service's own MinIO user for it.
 *
 * Idempotent: a bucket that exists with the same owner and service tags is reconfigured to the input
 * (every setting is a whole-configuration overwrite); a bucket of another team, or of another
 * account, is a `ConflictError`. When configuring a bucket this run created fails, the bucket (still
 * empty) is deleted, so nothing is left behind; an existing bucket is left as it was and the step can
 * be re-run.
 *
 * @public
 */
export const bucketCreateAction = defineProvisioningAction({
  id: 'runtime:bucket:create',
  registryName: 'runtime-bucket-create',
  title: 'Create a Runtime bucket',
  description:
    'Creates an object storage (MinIO) bucket for a service, tagged with its owner and service, with versioning and optional expiry, and gives the service its own MinIO user with a policy for this bucket only, whose keys go to OpenBao (never to the output).',
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeBucketCreatePermission,
  upstream: input =>
    input.credentials ? ['objectStorage', 'openbao'] : 'objectStorage',
  destructive: true,
  provision: provisionBucket,
});

/**
 * The scaffolder action `runtime:bucket:create` (see `bucketCreateAction`).
 *
 * @public
 */
export function createRuntimeBucketAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(bucketCreateAction, deps);
}

async function provisionBucket(
  deps: RuntimeActionDeps,
  input: zod.output<ReturnType<typeof inputSchema>>,
  run: RuntimeActionRun,
): Promise<BucketCreateOutput> {
  const owner = ownerName(input.owner);
  const storage = deps.clients.client(input.environment, 'objectStorage');
  const endpoint = deps.clients.environment(input.environment).objectStorage!
    .endpoint;
  /** The bucket's expiry: recorded in its tags with the claim, or kept from the first run. */
  let expiresAt: string | undefined;
  const signal = run.signal;
  const claim = { owner, service: input.service };
  const access = bucketAccessNames(input.service, input.name);
  /** OpenBao keeps the service's keys, when a MinIO user is asked for. */
  const openbao = input.credentials
    ? deps.clients.client(input.environment, 'openbao')
    : undefined;
  /** The stored keys' metadata, read (and their claim checked) before anything is made. */
  let keysMetadata: OpenBaoSecretMetadata | undefined;
  /** Who may read the keys from OpenBao: the service's account, when its namespace is given. */
  const keysReader =
    input.credentials && input.namespace
      ? {
          name: bucketKeysGrantName(input.name),
          namespace: input.namespace,
          serviceAccount: input.serviceAccount ?? input.service,
        }
      : undefined;

  await audited(
    run,
    deps,
    'runtime-bucket-create',
    {
      environment: input.environment,
      bucket: input.name,
      owner,
      service: input.service,
      versioning: input.versioning,
      expirationDays: input.expirationDays ?? null,
      credentials: input.credentials,
      namespace: input.namespace ?? null,
      expiresAfter: input.expiresAfter ?? null,
    },
    async () => {
      const exists = await bucketExists(storage, input.name, signal);
      const recorded = exists
        ? await checkOwnership(storage, input.name, claim, signal)
        : undefined;
      // A re-run keeps the expiry the first run recorded (and adds none).
      expiresAt = createExpiry(
        recorded?.[RUNTIME_EXPIRES_AT_METADATA_KEY],
        exists ? undefined : input.expiresAfter,
      );
      const tags = {
        [RUNTIME_OWNER_METADATA_KEY]: owner,
        [RUNTIME_SERVICE_METADATA_KEY]: input.service,
        ...(expiresAt ? { [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt } : {}),
      };
      if (openbao) {
        keysMetadata = await readCredentialsClaim({
          openbao,
          credentialsPath: access.credentialsPath,
          bucket: input.name,
          owner,
          service: input.service,
          signal,
        });
      }
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would ${
            exists ? 'reconfigure the existing' : 'create the'
          } bucket ${input.name} with tags owner=${owner}, service=${
            input.service
          }, versioning ${input.versioning ? 'on' : 'off'}, ${
            input.expirationDays
              ? `expiry after ${input.expirationDays} days`
              : 'no expiry'
          }; the bucket ${describeExpiry(expiresAt)}${
            input.credentials
              ? `; would give ${input.service} a MinIO user with policy ${
                  access.policyName
                }, its keys stored in OpenBao at ${access.credentialsPath}${
                  keysReader
                    ? `, readable by ${keysReader.namespace}/${keysReader.serviceAccount} through role ${keysReader.name}`
                    : ''
                }`
              : ''
          }`,
        );
        return;
      }
      await run.checkpoint({
        key: `bucket.${input.environment}.${input.name}`,
        fn: async () => {
          const result = await createOrClaim(
            storage,
            input.name,
            claim,
            signal,
          );
          try {
            await storage.setTags(input.name, tags, { signal });
            if (input.versioning) {
              await storage.setVersioning(input.name, true, { signal });
            }
            if (input.expirationDays !== undefined) {
              await storage.setExpiration(input.name, input.expirationDays, {
                signal,
              });
            }
          } catch (error) {
            if (result === 'created') {
              run.logger.warn(
                `Configuring new bucket ${input.name} failed; deleting it so nothing is left behind`,
              );
              await storage
                .deleteBucket(input.name)
                .catch(cleanupError =>
                  run.logger.error(
                    `Could not delete bucket ${input.name} after the failure: ${cleanupError}`,
                  ),
                );
            }
            throw error;
          }
          run.logger.info(
            `${
              result === 'created' ? 'Created' : 'Reconfigured existing'
            } bucket ${input.name}`,
          );
          return { result };
        },
      });
      if (openbao) {
        await run.checkpoint({
          key: `bucket-access.${input.environment}.${input.name}`,
          fn: async () => {
            const { result } = await ensureBucketAccess({
              storage,
              openbao,
              metadata: keysMetadata,
              expiresAt,
              bucket: input.name,
              service: input.service,
              owner,
              endpoint,
              logger: run.logger,
              signal,
            });
            if (keysReader) {
              await grantSecretRead(openbao, {
                ...keysReader,
                kvMount: deps.clients.environment(input.environment).openbao!
                  .kvMount,
                path: access.credentialsPath,
                claim,
                signal,
              });
              run.logger.info(
                `Wrote read policy and Kubernetes auth role ${keysReader.name} for ${keysReader.namespace}/${keysReader.serviceAccount}`,
              );
            }
            return { result };
          },
        });
      }
    },
  );

  await announceResourceChange(run, deps, {
    environment: input.environment,
    source: 'objectStorage',
  });
  if (input.credentials) {
    await announceResourceChange(run, deps, {
      environment: input.environment,
      source: 'openbao',
    });
  }
  return {
    bucket: input.name,
    endpoint,
    ...(input.credentials
      ? {
          policyName: access.policyName,
          credentialsPath: access.credentialsPath,
        }
      : {}),
    ...(keysReader ? { roleName: keysReader.name } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    entityRef: runtimeResourceEntityRef({
      prefix: deps.namePrefix,
      environment: input.environment,
      type: RUNTIME_RESOURCE_TYPES.bucket,
      name: input.name,
    }),
  };
}

async function createOrClaim(
  storage: ObjectStorageClient,
  name: string,
  claim: { owner: string; service: string },
  signal?: AbortSignal,
): Promise<'created' | 'exists'> {
  let result: 'created' | 'exists';
  try {
    result = await storage.createBucket(name, { signal });
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'AlreadyExists', 'Conflict')) {
      throw takenByAnotherAccount(name);
    }
    throw error;
  }
  if (result === 'exists') await checkOwnership(storage, name, claim, signal);
  return result;
}
