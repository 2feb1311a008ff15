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
  RetirementRun,
  RuntimeActionDeps,
  RuntimeActionRun,
  defineRetirementAction,
  forceField,
  listedRemains,
  retirementInputSchema,
  revokeSecretRead,
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
  retirementInputSchema(
    z,
    { name: bucketNameField(z) },
    forceField(z).describe(
      'Retire the bucket even while catalog entities (such as the service that uses it) still depend on it, and even while it holds objects: they are deleted with it, for good',
    ),
  );

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
export const bucketDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.bucket,
  title: 'Delete a Runtime bucket',
  description:
    "Retires an object storage bucket of a service: deletes the bucket, the service's MinIO user and policy for it, and its keys in OpenBao with their read policy and role, once their owner and service are checked. A bucket that holds objects, or that catalog entities depend on, is refused unless force (which deletes the objects too).",
  examples,
  inputSchema,
  permission: runtimeBucketDeletePermission,
  upstream: () => 'objectStorage',
  resource: input => ({ subject: `Bucket ${input.name}`, name: input.name }),
  auditNames: input => ({ bucket: input.name }),
  findRemains: findBucketRemains,
});

/**
 * The scaffolder action `runtime:bucket:delete` (see `bucketDeleteAction`).
 *
 * @public
 */
export function createRuntimeBucketDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(bucketDeleteAction, deps);
}

/**
 * What is left of the bucket, its keys (when the environment has OpenBao) and their grant, each
 * claim checked.
 */
async function findBucketRemains(retirement: RetirementRun<Input>) {
  const { deps, run, input, claim } = retirement;
  const { environment, name, force } = input;
  const storage = deps.clients.client(environment, 'objectStorage');
  const openbao = deps.clients.has(environment, 'openbao')
    ? deps.clients.client(environment, 'openbao')
    : undefined;
  const remains = await readBucketRemains({
    storage,
    openbao,
    name,
    claim,
    signal: run.signal,
  });
  return listedRemains(
    retirement,
    bucketRemainsLines(name, remains),
    () =>
      removeBucketRemains({
        run,
        storage,
        openbao,
        step: `${environment}.${name}`,
        name,
        remains,
        force,
      }),
    {
      refusal: remains.bucket.hasObjects
        ? `Bucket ${name} still holds objects; empty it first, or run again with force to delete them with the bucket`
        : undefined,
      changes: openbao ? ['objectStorage', 'openbao'] : ['objectStorage'],
    },
  );
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
