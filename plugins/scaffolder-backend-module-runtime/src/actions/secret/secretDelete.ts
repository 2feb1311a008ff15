import {
  RUNTIME_RESOURCE_TYPES,
  runtimeSecretDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { secretGrantName } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementRun,
  RuntimeActionDeps,
  claimOf,
  defineRetirementAction,
  dnsLabel,
  listedRemains,
  readSecretReadGrant,
  requireSameClaim,
  retirementInputSchema,
  revokeSecretRead,
  secretReadGrantLines,
  toScaffolderAction,
} from '../shared';
import { examples } from './secretDelete.examples';

/** The input of `runtime:secret:delete`: the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  retirementInputSchema(z, {
    name: dnsLabel(
      z,
      'Name of the secret to retire; it is stored at <service>/<name> in the KV mount',
    ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** Where the secret is stored in the KV mount: `<service>/<name>`. */
const pathOf = (input: Input) => `${input.service}/${input.name}`;

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
export const secretDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.secret,
  title: 'Delete a Runtime secret',
  description:
    'Retires an OpenBao secret of a service: deletes it with all its versions and metadata, its read policy and its Kubernetes auth role, once their owner and service are checked. Refused while catalog entities depend on it, unless force.',
  examples,
  inputSchema,
  permission: runtimeSecretDeletePermission,
  upstream: () => 'openbao',
  resource: input => ({
    subject: `Secret ${pathOf(input)}`,
    name: pathOf(input),
  }),
  auditNames: input => ({ path: pathOf(input) }),
  auditDetails: input => {
    const grantName = secretGrantName(input.service, input.name);
    return { policyName: grantName, roleName: grantName };
  },
  findRemains: findSecretRemains,
});

/**
 * The scaffolder action `runtime:secret:delete` (see `secretDeleteAction`).
 *
 * @public
 */
export function createRuntimeSecretDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(secretDeleteAction, deps);
}

/**
 * What is left of the secret and its read grant, each claim checked; they go grant first (no new
 * token can read the secret), then the secret.
 */
async function findSecretRemains(retirement: RetirementRun<Input>) {
  const { deps, run, input, claim } = retirement;
  const { environment } = input;
  const path = pathOf(input);
  const grantName = secretGrantName(input.service, input.name);
  const openbao = deps.clients.client(environment, 'openbao');
  const signal = run.signal;
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
  const lines = [
    ...secretReadGrantLines(grantName, grant),
    ...(metadata ? [`OpenBao secret ${path} (all versions and metadata)`] : []),
  ];
  return listedRemains(retirement, lines, async () => {
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
  });
}
