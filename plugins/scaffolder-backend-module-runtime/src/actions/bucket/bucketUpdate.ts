import { InputError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeBucketUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EXPIRATION_RULE_ID,
  ObjectStorageClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
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
import { examples } from './bucketUpdate.examples';
import { requireOwnBucket } from './bucketClaim';
import { bucketNameField, expirationDaysField } from './bucketFields';

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: bucketNameField(z),
    versioning: z
      .boolean()
      .optional()
      .describe(
        'true enables versioning, false suspends it (a versioned bucket keeps the versions it has); unset leaves it as it is',
      ),
    expirationDays: expirationDaysField(z)
      .nullable()
      .optional()
      .describe(
        'Delete objects this many days after they are written (the expiry rule runtime:bucket:create writes); null removes that rule; unset leaves it as it is',
      ),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    bucket: z.string().describe('Name of the bucket'),
    changes: z
      .array(z.string())
      .describe(
        'What was changed, one line each (on a dry run: what would be); empty when the bucket already was as asked',
      ),
    entityRef: z.string().describe('Catalog entity ref of the bucket resource'),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:bucket:update`. */
type BucketUpdateOutput = zod.output<ReturnType<typeof outputSchema>>;

/** One setting to change: what it says, and how. */
interface BucketChange {
  line: string;
  apply(storage: ObjectStorageClient, signal?: AbortSignal): Promise<void>;
}

/**
 * `runtime:bucket:update`: changes a bucket's versioning and expiry, only those the input names.
 *
 * The bucket must exist (else `NotFoundError`) and its tags must record the input's owner and
 * service (else `ConflictError`). Each setting is read first and written only when it differs, so a
 * re-run writes nothing. The expiry is the portal's own lifecycle rule (`EXPIRATION_RULE_ID`); other
 * lifecycle rules are kept.
 *
 * @public
 */
export const bucketUpdateAction = defineProvisioningAction({
  id: 'runtime:bucket:update',
  registryName: 'runtime-bucket-update',
  title: 'Update a Runtime bucket',
  description:
    "Changes a service's object storage (MinIO) bucket: enables or suspends versioning, sets or removes its expiry. Only the settings the input names, and only when they differ; refused for another team's bucket.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeBucketUpdatePermission,
  upstream: () => 'objectStorage',
  destructive: true,
  provision: updateBucket,
});

/**
 * The scaffolder action `runtime:bucket:update` (see `bucketUpdateAction`).
 *
 * @public
 */
export function createRuntimeBucketUpdateAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(bucketUpdateAction, deps);
}

async function updateBucket(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<BucketUpdateOutput> {
  if (input.versioning === undefined && input.expirationDays === undefined) {
    throw new InputError(
      'Invalid input: name at least one setting to change (versioning, expirationDays)',
    );
  }
  const owner = ownerName(input.owner);
  const storage = deps.clients.client(input.environment, 'objectStorage');
  const signal = run.signal;
  const bucket = input.name;

  const changes = await audited(
    run,
    deps,
    'runtime-bucket-update',
    {
      environment: input.environment,
      bucket,
      owner,
      service: input.service,
      versioning: input.versioning ?? null,
      expirationDays: input.expirationDays ?? null,
    },
    async () => {
      await requireOwnBucket(
        storage,
        bucket,
        { owner, service: input.service },
        signal,
      );
      const wanted = await changesFor(storage, input, signal);
      const lines = wanted.map(change => change.line);
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: ${
            lines.length
              ? `would change bucket ${bucket}: ${lines.join('; ')}`
              : `bucket ${bucket} is already as asked; nothing would change`
          }`,
        );
        return lines;
      }
      return run.checkpoint({
        key: `bucket-update.${input.environment}.${bucket}`,
        fn: async () => {
          for (const change of wanted) {
            await change.apply(storage, signal);
            run.logger.info(`Bucket ${bucket}: ${change.line}`);
          }
          if (wanted.length === 0) {
            run.logger.info(
              `Bucket ${bucket} is already as asked; nothing changed`,
            );
          } else {
            await announceResourceChange(run, deps, {
              environment: input.environment,
              source: 'objectStorage',
            });
          }
          return lines;
        },
      });
    },
  );

  return {
    bucket,
    changes,
    entityRef: runtimeResourceEntityRef({
      prefix: deps.namePrefix,
      environment: input.environment,
      type: RUNTIME_RESOURCE_TYPES.bucket,
      name: bucket,
    }),
  };
}

/** The changes that bring the bucket to the input's settings (only the named ones), read first. */
async function changesFor(
  storage: ObjectStorageClient,
  input: Input,
  signal?: AbortSignal,
): Promise<BucketChange[]> {
  const bucket = input.name;
  const changes: BucketChange[] = [];
  if (input.versioning !== undefined) {
    const enable = input.versioning;
    const status = await storage.getVersioning(bucket, { signal });
    // An unversioned bucket has nothing to suspend.
    const already = enable
      ? status === 'Enabled'
      : status === 'Suspended' || status === 'Unversioned';
    if (!already) {
      changes.push({
        line: `versioning ${status.toLowerCase()} -> ${
          enable ? 'enabled' : 'suspended'
        }`,
        apply: s => s.setVersioning(bucket, enable, { signal }),
      });
    }
  }
  if (input.expirationDays !== undefined) {
    const days = input.expirationDays ?? undefined;
    const { rules } = await storage.getLifecycle(bucket, { signal });
    const own = rules.find(rule => rule.id === EXPIRATION_RULE_ID);
    const current = own?.enabled ? own.expirationDays : undefined;
    if (current !== days || (own !== undefined && days === undefined)) {
      changes.push({
        line: `expiry ${current ? `${current} days` : 'none'} -> ${
          days ? `${days} days` : 'none'
        }`,
        apply: s => s.setExpiration(bucket, days, { signal }),
      });
    }
  }
  return changes;
}
