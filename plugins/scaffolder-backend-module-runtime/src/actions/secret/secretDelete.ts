import {
  RUNTIME_RESOURCE_TYPES,
  runtimeSecretDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { secretGrantName } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  claimOf,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  forceField,
  ownerField,
  ownerName,
  readSecretReadGrant,
  requireRetirable,
  requireSameClaim,
  retirementOutputSchema,
  revokeSecretRead,
  runtimeResourceEntityRef,
  secretReadGrantLines,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { examples } from './secretDelete.examples';

/** The input of `runtime:secret:delete`: the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(
      z,
      'Name of the secret to retire; it is stored at <service>/<name> in the KV mount',
    ),
    force: forceField(z),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:secret:delete`: retires a secret, removing what `runtime:secret:create` made and nothing
 * else: the KV v2 secret at `<service>/<name>` with every version and its metadata, its read policy
 * and its Kubernetes auth role (`runtime_secret_<service>_<name>`).
 *
 * Everything is read and checked before anything is removed: the secret's recorded owner and service
 * must be the input's, the policy must be headed by that claim and the role must grant only that
 * policy; anything else is a `ConflictError` and nothing is removed. Catalog entities that depend on
 * the secret refuse the run unless `force`. The role goes first (no new token can read the secret),
 * then the policy, then the secret, so a run that stops half-way is finished by running it again; a
 * secret that is gone is success with `removed: []`. A dry run lists what would go.
 *
 * @public
 */
export const secretDeleteAction = defineProvisioningAction({
  id: 'runtime:secret:delete',
  registryName: 'runtime-secret-delete',
  title: 'Delete a Runtime secret',
  description:
    'Retires an OpenBao secret of a service: deletes it with all its versions and metadata, its read policy and its Kubernetes auth role, once their owner and service are checked. Refused while catalog entities depend on it, unless force.',
  examples,
  inputSchema,
  outputSchema: retirementOutputSchema,
  permission: runtimeSecretDeletePermission,
  upstream: () => 'openbao',
  destructive: true,
  provision: retireSecret,
});

/**
 * The scaffolder action `runtime:secret:delete` (see `secretDeleteAction`).
 *
 * @public
 */
export function createRuntimeSecretDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(secretDeleteAction, deps);
}

async function retireSecret(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<RetirementOutput> {
  const owner = ownerName(input.owner);
  const { environment, service } = input;
  const path = `${service}/${input.name}`;
  const grantName = secretGrantName(service, input.name);
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.secret,
    name: path,
  });
  const openbao = deps.clients.client(environment, 'openbao');
  const claim = { owner, service };
  const signal = run.signal;
  const secretLine = `OpenBao secret ${path} (all versions and metadata)`;

  const result = await audited(
    run,
    deps,
    'runtime-secret-delete',
    {
      environment,
      path,
      owner,
      service,
      policyName: grantName,
      roleName: grantName,
      force: input.force,
    },
    async (): Promise<Omit<RetirementOutput, 'entityRef'>> => {
      const metadata = await openbao.readSecretMetadata(path, { signal });
      if (metadata) {
        requireSameClaim(
          `Secret ${path} in ${environment}`,
          claimOf(metadata.customMetadata),
          claim,
        );
      }
      const grant = await readSecretReadGrant(openbao, {
        name: grantName,
        claim,
        signal,
      });
      const removed = [
        ...secretReadGrantLines(grantName, grant),
        ...(metadata ? [secretLine] : []),
      ];
      if (removed.length === 0) {
        run.logger.info(
          `Secret ${path} does not exist in ${environment}: nothing to remove`,
        );
        return { removed, dependents: [] };
      }
      const dependents = await requireRetirable(deps, run, {
        subject: `Secret ${path}`,
        entityRef,
        force: input.force,
      });
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would remove ${removed.join(', ')}; nothing was removed`,
        );
        return { removed, dependents };
      }
      await run.checkpoint({
        key: `secret-grant-delete.${environment}.${grantName}`,
        fn: () => revokeSecretRead(openbao, grantName, grant, signal),
      });
      if (metadata) {
        await run.checkpoint({
          key: `secret-delete.${environment}.${path}`,
          fn: () => openbao.deleteSecretMetadata(path, { signal }),
        });
      }
      run.logger.info(`Removed ${removed.join(', ')}`);
      await announceResourceChange(run, deps, {
        environment,
        source: 'openbao',
      });
      return { removed, dependents };
    },
  );
  return { entityRef, ...result };
}
