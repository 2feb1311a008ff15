import {
  RUNTIME_RESOURCE_TYPES,
  runtimeWorkflowDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  defineRetirementAction,
  dnsLabel,
  retirementInputSchema,
  toScaffolderAction,
} from '../shared';
import { examples } from './workflowDelete.examples';
import { argoEventsWorkflowRemains } from './retireArgoEventsWorkflow';
import { temporalNamespaceRemains } from './retireTemporalNamespace';

/**
 * The input's fields without the checks across fields: the schema the actions registry lists;
 * `inputSchema` adds the checks and is what every run parses with.
 */
const inputObjectSchema = (z: typeof zod) =>
  retirementInputSchema(z, {
    name: dnsLabel(
      z,
      'Name of the workflow: of the EventSource and Sensor, or of the Temporal namespace',
    ),
    engine: z
      .enum(['argo-events', 'temporal'])
      .describe('The engine the workflow was created with'),
    argoEvents: z
      .object({
        namespace: dnsLabel(z, "The team's Kubernetes namespace"),
      })
      .optional()
      .describe('Required with engine argo-events'),
  });

/** The input schema (zod form): the create action's names, and `force`. */
const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    if (input.engine === 'argo-events' && !input.argoEvents) {
      ctx.addIssue({
        code: 'custom',
        path: ['argoEvents'],
        message: 'is required with engine argo-events',
      });
    }
  });

/** The input of `runtime:workflow:delete`. */
export type WorkflowDeleteInput = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:workflow:delete`: retires a workflow, removing what `runtime:workflow:create` made and
 * nothing else. With engine `argo-events`: its Sensor and EventSource, and the EventBus only when
 * the portal made it for the owner and no other EventSource or Sensor uses it; with `temporal`: its
 * namespace, marked deleted (the most Temporal's HTTP API can do).
 *
 * The namespace must be the owner's (checked before anything else), and every object's recorded
 * claim (owner and service labels, or the Temporal namespace's data) must be the input's, checked
 * before anything is removed: another team's or service's workflow is a `ConflictError`.
 * Kubernetes objects are deleted with the uid and resourceVersion that were checked as
 * preconditions. Catalog entities that depend on the workflow refuse the run unless `force`. A dry
 * run reports what would go (the API server validating each delete); a workflow that is gone is
 * success with `removed: []`.
 *
 * @public
 */
export const workflowDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.workflow,
  title: 'Delete a Runtime workflow',
  description:
    'Retires a workflow: deletes its Argo Events Sensor and EventSource (and the EventBus the portal made for it, when nothing else uses it), or marks its Temporal namespace deleted, once their owner and service are checked. Refused while catalog entities depend on it, unless force.',
  examples,
  inputSchema,
  inputObjectSchema,
  permission: runtimeWorkflowDeletePermission,
  upstream: input => (input.engine === 'temporal' ? 'temporal' : 'kubernetes'),
  namespaceOf: input => input.argoEvents?.namespace,
  resource: input =>
    input.engine === 'temporal'
      ? {
          subject: `Workflow ${input.name}`,
          scope: 'temporal',
          name: input.name,
        }
      : {
          subject: `Workflow ${input.argoEvents!.namespace}/${input.name}`,
          scope: input.argoEvents!.namespace,
          name: input.name,
        },
  auditNames: input => ({
    engine: input.engine,
    name: input.name,
    namespace: input.argoEvents?.namespace ?? null,
  }),
  findRemains: retirement =>
    retirement.input.engine === 'temporal'
      ? temporalNamespaceRemains(retirement)
      : argoEventsWorkflowRemains(retirement),
});

/**
 * The scaffolder action `runtime:workflow:delete` (see `workflowDeleteAction`).
 *
 * @public
 */
export function createRuntimeWorkflowDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(workflowDeleteAction, deps);
}
