import { ConflictError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeBucketDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ObjectStorageClient,
  OpenBaoClient,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  environmentField,
  forceField,
  ownerField,
  ownerName,
  requireRetirable,
  retirementOutputSchema,
  revokeSecretRead,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { examples } from './bucketDelete.examples';
import { bucketNameField } from './bucketFields';
import {
  BucketRemains,
  bucketRemainsLines,
  readBucketRemains,
} from './bucketRemains';

/** The input of `runtime:bucket:delete`: the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: bucketNameField(z),
    force: forceField(z).describe(
      'Retire the bucket even while catalog entities (such as the service that uses it) still depend on it, and even while it holds objects: they are deleted with it, for good',
    ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:bucket:delete`: retires a bucket, removing what `runtime:bucket:create` made and nothing
 * else: the bucket, the read policy and Kubernetes auth role of its stored keys
 * (`runtime_bucket_<bucket>`), the service's MinIO user and policy for it, and the keys in OpenBao
 * (`<service>/buckets/<bucket>`, every version and the metadata).
 *
 * Everything is read and checked before anything is removed: the bucket's tags and the keys'
 * metadata must record the input's owner and service, the read policy must be headed by that claim
 * and the role must grant only that policy (a `ConflictError` otherwise). A bucket that still holds
 * objects is refused unless `force`, which deletes them with it (MinIO's force delete); so are
 * catalog entities that depend on the bucket. The bucket goes first, so a refusal by the store
 * removes nothing, and the keys, whose claim stands in for the bucket's, go last: a run that stops
 * half-way is finished by running it again. Nothing left is success with `removed: []`.
 *
 * @public
 */
export const bucketDeleteAction = defineProvisioningAction({
  id: 'runtime:bucket:delete',
  registryName: 'runtime-bucket-delete',
  title: 'Delete a Runtime bucket',
  description:
    "Retires an object storage bucket of a service: deletes the bucket, the service's MinIO user and policy for it, and its keys in OpenBao with their read policy and role, once their owner and service are checked. A bucket that holds objects, or that catalog entities depend on, is refused unless force (which deletes the objects too).",
  examples,
  inputSchema,
  outputSchema: retirementOutputSchema,
  permission: runtimeBucketDeletePermission,
  upstream: () => 'objectStorage',
  destructive: true,
  provision: retireBucket,
});

/**
 * The scaffolder action `runtime:bucket:delete` (see `bucketDeleteAction`).
 *
 * @public
 */
export function createRuntimeBucketDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(bucketDeleteAction, deps);
}

async function retireBucket(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<RetirementOutput> {
  const owner = ownerName(input.owner);
  const { environment, name, force } = input;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.bucket,
    name,
  });
  const storage = deps.clients.client(environment, 'objectStorage');
  const openbao = deps.clients.has(environment, 'openbao')
    ? deps.clients.client(environment, 'openbao')
    : undefined;
  const claim = { owner, service: input.service };
  const signal = run.signal;

  const result = await audited(
    run,
    deps,
    'runtime-bucket-delete',
    { environment, bucket: name, owner, service: input.service, force },
    async (): Promise<Omit<RetirementOutput, 'entityRef'>> => {
      const remains = await readBucketRemains({
        storage,
        openbao,
        name,
        claim,
        signal,
      });
      const removed = bucketRemainsLines(name, remains);
      if (removed.length === 0) {
        run.logger.info(
          `Bucket ${name} does not exist in ${environment}: nothing to remove`,
        );
        return { removed, dependents: [] };
      }
      const dependents = await requireRetirable(deps, run, {
        subject: `Bucket ${name}`,
        entityRef,
        force,
      });
      if (remains.bucket.hasObjects && !force) {
        const message = `Bucket ${name} still holds objects; empty it first, or run again with force to delete them with the bucket`;
        if (!run.isDryRun) throw new ConflictError(message);
        run.logger.warn(`Dry run: the real run would be refused: ${message}`);
      }
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would remove ${removed.join(', ')}; nothing was removed`,
        );
        return { removed, dependents };
      }
      await removeBucketRemains({
        run,
        storage,
        openbao,
        step: `${environment}.${name}`,
        name,
        remains,
        force,
      });
      run.logger.info(`Removed ${removed.join(', ')}`);
      await announceResourceChange(run, deps, {
        environment,
        source: 'objectStorage',
      });
      if (openbao) {
        await announceResourceChange(run, deps, {
          environment,
          source: 'openbao',
        });
      }
      return { removed, dependents };
    },
  );
  return { entityRef, ...result };
}

/**
 * Removes what {@link readBucketRemains} found, one checkpoint per upstream step: the bucket, the
 * keys' read grant, the MinIO user and policy, the stored keys.
 */
async function removeBucketRemains(options: {
  run: RuntimeActionRun;
  storage: ObjectStorageClient;
  openbao?: OpenBaoClient;
  /** The checkpoint keys' suffix: environment and bucket. */
  step: string;
  name: string;
  remains: BucketRemains;
  force: boolean;
}): Promise<void> {
  const { run, storage, openbao, step, name, remains, force } = options;
  const { signal } = run;
  if (remains.bucket.exists) {
    await run.checkpoint({
      key: `bucket-delete.${step}`,
      fn: () => deleteBucket(storage, name, force, signal),
    });
  }
  if (openbao) {
    await run.checkpoint({
      key: `bucket-keys-grant-delete.${step}`,
      fn: () =>
        revokeSecretRead(openbao, remains.grant.name, remains.grant, signal),
    });
  }
  const { user, policy, keys } = remains;
  if (user) {
    await run.checkpoint({
      key: `bucket-user-delete.${step}`,
      fn: () => storage.admin.removeUser(user, { signal }),
    });
  }
  if (policy) {
    await run.checkpoint({
      key: `bucket-policy-delete.${step}`,
      fn: () => storage.admin.removeCannedPolicy(policy, { signal }),
    });
  }
  if (openbao && keys) {
    await run.checkpoint({
      key: `bucket-keys-delete.${step}`,
      fn: () => openbao.deleteSecretMetadata(keys, { signal }),
    });
  }
}

/** Deletes the bucket; the store's "not empty" (versions or objects written since) is a `ConflictError`. */
async function deleteBucket(
  storage: ObjectStorageClient,
  name: string,
  force: boolean,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await storage.deleteBucket(name, { force, signal });
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'NotFound')) return;
    if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
    throw new ConflictError(
      `Bucket ${name} still holds objects or object versions; nothing was removed. Empty it, or run again with force to delete them with the bucket`,
    );
  }
}
