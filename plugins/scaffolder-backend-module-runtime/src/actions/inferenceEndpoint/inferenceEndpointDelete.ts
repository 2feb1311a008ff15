import {
  RUNTIME_RESOURCE_TYPES,
  runtimeInferenceEndpointDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { MODEL_KIND } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  forceField,
  ownerField,
  ownerName,
  requireRetirable,
  retirementOutputSchema,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { deleteClaimedObject, readClaimedObject } from '../claimedObject';
import { examples } from './inferenceEndpointDelete.examples';

/** The input of `runtime:inference-endpoint:delete`: the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    namespace: dnsLabel(z, "The owner's Kubernetes namespace the Model is in"),
    name: dnsLabel(z, 'Name of the KubeAI Model to retire', 40),
    force: forceField(z),
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
export const inferenceEndpointDeleteAction = defineProvisioningAction({
  id: 'runtime:inference-endpoint:delete',
  registryName: 'runtime-inference-endpoint-delete',
  title: 'Delete a Runtime inference endpoint',
  description:
    "Retires an inference endpoint: deletes the team's KubeAI Model (once its owner and service are checked). Refused while catalog entities depend on it, unless force.",
  examples,
  inputSchema,
  outputSchema: retirementOutputSchema,
  permission: runtimeInferenceEndpointDeletePermission,
  upstream: () => 'kubernetes',
  destructive: true,
  provision: retireInferenceEndpoint,
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

async function retireInferenceEndpoint(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<RetirementOutput> {
  const owner = ownerName(input.owner);
  const { environment, namespace, name } = input;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
    scope: namespace,
    name,
  });
  const context = {
    kubernetes: deps.clients.client(environment, 'kubernetes'),
    environment,
    claim: { owner, service: input.service },
    signal: run.signal,
  };
  const model = `KubeAI Model ${namespace}/${name}`;

  const result = await audited(
    run,
    deps,
    'runtime-inference-endpoint-delete',
    {
      environment,
      namespace,
      model: name,
      owner,
      service: input.service,
      force: input.force,
    },
    async (): Promise<Omit<RetirementOutput, 'entityRef'>> => {
      const live = await readClaimedObject(
        MODEL_KIND,
        namespace,
        name,
        context,
      );
      if (!live) {
        run.logger.info(
          `${model} does not exist in ${environment}: nothing to remove`,
        );
        return { removed: [], dependents: [] };
      }
      const dependents = await requireRetirable(deps, run, {
        subject: `Inference endpoint ${namespace}/${name}`,
        entityRef,
        force: input.force,
      });
      if (run.isDryRun) {
        await deleteClaimedObject(MODEL_KIND, live, {
          ...context,
          dryRun: true,
        });
        run.logger.info(
          `Dry run: the API server accepted deleting ${model}; nothing was removed`,
        );
        return { removed: [model], dependents };
      }
      const deleted = await run.checkpoint({
        key: `model-delete.${environment}.${namespace}.${name}`,
        fn: () => deleteClaimedObject(MODEL_KIND, live, context),
      });
      run.logger.info(
        deleted ? `Deleted ${model}` : `${model} was already gone`,
      );
      await announceResourceChange(run, deps, {
        environment,
        source: 'kubernetes',
      });
      return { removed: deleted ? [model] : [], dependents };
    },
  );
  return { entityRef, ...result };
}
