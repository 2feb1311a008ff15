import {
  RUNTIME_RESOURCE_TYPES,
  runtimeInferenceEndpointDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { MODEL_KIND } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementRun,
  RuntimeActionDeps,
  defineRetirementAction,
  dnsLabel,
  objectRemains,
  retirementInputSchema,
  toScaffolderAction,
} from '../shared';
import { deleteClaimedObject, readClaimedObject } from '../claimedObject';
import { examples } from './inferenceEndpointDelete.examples';

/** The input of `runtime:inference-endpoint:delete`: the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  retirementInputSchema(z, {
    namespace: dnsLabel(z, "The owner's Kubernetes namespace the Model is in"),
    name: dnsLabel(z, 'Name of the KubeAI Model to retire', 40),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:inference-endpoint:delete`: retires an inference endpoint, removing the KubeAI `Model`
 * its create action wrote (the only thing it wrote; KubeAI's controller removes the Model's Pods).
 *
 * The namespace must be the owner's (checked before anything else), and the Model's owner and
 * service labels must be the input's: another team's or service's Model is a `ConflictError`, and
 * nothing is removed. The Model is deleted with the uid and resourceVersion that were checked as
 * preconditions, so one replaced in between is never removed. Catalog entities that depend on the
 * endpoint refuse the run unless `force`. A dry run has the API server validate the delete and
 * reports what would go; an absent Model is success with `removed: []`.
 *
 * @public
 */
export const inferenceEndpointDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
  title: 'Delete a Runtime inference endpoint',
  description:
    "Retires an inference endpoint: deletes the team's KubeAI Model (once its owner and service are checked). Refused while catalog entities depend on it, unless force.",
  examples,
  inputSchema,
  permission: runtimeInferenceEndpointDeletePermission,
  upstream: () => 'kubernetes',
  resource: input => ({
    subject: `Inference endpoint ${input.namespace}/${input.name}`,
    scope: input.namespace,
    name: input.name,
  }),
  auditNames: input => ({ namespace: input.namespace, model: input.name }),
  findRemains: findModel,
});

/**
 * The scaffolder action `runtime:inference-endpoint:delete` (see `inferenceEndpointDeleteAction`).
 *
 * @public
 */
export function createRuntimeInferenceEndpointDeleteAction(
  deps: RuntimeActionDeps,
) {
  return toScaffolderAction(inferenceEndpointDeleteAction, deps);
}

/** The endpoint's KubeAI Model, its claim checked. */
async function findModel(retirement: RetirementRun<Input>) {
  const { deps, run, input, claim } = retirement;
  const { environment, namespace, name } = input;
  const context = {
    kubernetes: deps.clients.client(environment, 'kubernetes'),
    environment,
    claim,
    signal: run.signal,
  };
  const model = `KubeAI Model ${namespace}/${name}`;
  const live = await readClaimedObject(MODEL_KIND, namespace, name, context);
  if (!live) {
    return { nothingLeft: `${model} does not exist in ${environment}` };
  }
  return objectRemains(run, [
    {
      line: model,
      key: `model-delete.${environment}.${namespace}.${name}`,
      // A dry run reports the Model as it was read, whatever the API server says of its delete.
      remove: async dryRun =>
        (await deleteClaimedObject(MODEL_KIND, live, { ...context, dryRun })) ||
        dryRun,
    },
  ]);
}
