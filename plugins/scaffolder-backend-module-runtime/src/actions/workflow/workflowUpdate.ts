import {
  RUNTIME_RESOURCE_TYPES,
  runtimeWorkflowUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { boundTrigger } from './boundTrigger';
import { updateArgoEventsWorkflow } from './updateArgoEventsWorkflow';
import { updateTemporalNamespace } from './updateTemporalNamespace';
import { WorkflowActionDeps } from './workflowCreate';
import { examples } from './workflowUpdate.examples';
import { calendarScheduleField, triggerSchema } from './workflowFields';
import { DEFAULT_WORKFLOW_TRIGGER_POLICY } from './workflowTriggerPolicy';

const MAX_RETENTION_DAYS = 3650;

/**
 * Why `suspended: true` is refused for a Temporal workflow: Temporal has no paused state for a
 * namespace to go to and come back from.
 */
const TEMPORAL_NO_SUSPEND =
  "a Temporal namespace cannot be paused: Temporal has no paused state, and a namespace's state only goes from Registered to Deprecated or Deleted, never back (validateStateUpdate in Temporal's namespace handler). Pause its Temporal Schedules instead (temporal schedule toggle --pause), or retire it with runtime:workflow:delete";

/**
 * The input's fields without the checks across fields: the schema the actions registry lists;
 * `inputSchema` adds the checks and is what every run parses with.
 */
const inputObjectSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(
      z,
      'Name of the workflow: of its EventSource and Sensor, or of the Temporal namespace',
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
    schedule: calendarScheduleField(z)
      .optional()
      .describe(
        'argo-events, calendar source: the new cron schedule ("0 3 * * *") or interval (10m)',
      ),
    target: triggerSchema(z)
      .optional()
      .describe(
        'argo-events: the new trigger, an http call or a Kubernetes object, as in runtime:workflow:create',
      ),
    suspended: z
      .boolean()
      .optional()
      .describe(
        'argo-events: true suspends the workflow (its EventSource is removed, its spec kept on the Sensor), false resumes it (the EventSource is created again); refused for temporal, which cannot pause a namespace',
      ),
    temporal: z
      .object({
        retentionDays: z
          .number()
          .int('must be a whole number of days')
          .min(1, 'must be at least 1 day')
          .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
          .optional()
          .describe('How long closed workflow executions are kept'),
        description: z
          .string()
          .min(
            1,
            'must not be empty (Temporal keeps a description it is sent empty)',
          )
          .max(256)
          .optional()
          .describe("The namespace's description"),
      })
      .optional()
      .describe('temporal: the new retention and description'),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    const argo = input.engine === 'argo-events';
    const issue = (path: string[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (argo && !input.argoEvents) {
      issue(['argoEvents'], 'is required with engine argo-events');
    }
    for (const field of ['argoEvents', 'schedule', 'target'] as const) {
      if (!argo && input[field] !== undefined) {
        issue([field], 'is only for engine argo-events');
      }
    }
    if (argo && input.temporal !== undefined) {
      issue(['temporal'], 'is only for engine temporal');
    }
    if (!argo && input.suspended) {
      issue(['suspended'], TEMPORAL_NO_SUSPEND);
    }
    const named = argo
      ? [input.schedule, input.target, input.suspended]
      : [
          input.temporal?.retentionDays,
          input.temporal?.description,
          input.suspended,
        ];
    if (named.every(value => value === undefined)) {
      issue(
        [],
        argo
          ? 'name at least one of schedule, target, suspended to change'
          : 'name at least one of temporal.retentionDays, temporal.description, suspended to change',
      );
    }
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

const outputSchema = (z: typeof zod) =>
  z.object({
    engine: z.string().describe('argo-events or temporal'),
    name: z.string().describe('Name of the Sensor or the Temporal namespace'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the workflow resource'),
    changes: z
      .array(z.string())
      .describe(
        'What changed, one line each, e.g. "schedule: 10m → 0 3 * * *" (on a dry run: what would); empty when the workflow already had the input',
      ),
  });

type Output = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:workflow:update`: changes an existing workflow of the owner and service, only what the
 * input names. Argo Events: the calendar source's schedule (its EventSource) and the trigger (its
 * Sensor), the trigger checked as the create action checks it (a `k8s` trigger stays in the
 * namespace, an `http` one calls the owner's Services or allow-listed URLs), and `suspended`: a
 * suspended workflow's EventSource is removed (recorded on its Sensor first) and created again on
 * resume (see `updateArgoEventsWorkflow`). Temporal: the namespace's retention and description;
 * suspending is refused with an `InputError` saying why (Temporal cannot pause a namespace).
 *
 * The workflow must exist (`NotFoundError`) and carry the input's claim (`ConflictError`), checked
 * before anything is written; Argo Events objects are validated by the API server (dry run) and then
 * changed with a JSON merge patch carrying the resourceVersion that was read, so a concurrent change
 * is refused, not overwritten.
 * A re-run with the same input writes nothing.
 *
 * @public
 */
export const workflowUpdateAction = defineProvisioningAction({
  id: 'runtime:workflow:update',
  registryName: 'runtime-workflow-update',
  title: 'Update a Runtime workflow',
  description:
    "Changes a workflow: an Argo Events workflow's calendar schedule or trigger, or suspends or resumes it (its EventSource removed, and created again from the spec kept on its Sensor); or a Temporal namespace's retention or description (only what the input names).",
  examples,
  inputSchema,
  inputObjectSchema,
  outputSchema,
  permission: runtimeWorkflowUpdatePermission,
  destructive: true,
  upstream: input => (input.engine === 'temporal' ? 'temporal' : 'kubernetes'),
  namespaceOf: input => input.argoEvents?.namespace,
  provision: updateWorkflow,
});

/**
 * The scaffolder action `runtime:workflow:update` (see `workflowUpdateAction`).
 *
 * @public
 */
export function createRuntimeWorkflowUpdateAction(deps: WorkflowActionDeps) {
  return toScaffolderAction(workflowUpdateAction, deps);
}

async function updateWorkflow(
  deps: WorkflowActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<Output> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const { environment, name, engine } = input;
  const namespace = input.argoEvents?.namespace;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.workflow,
    scope: engine === 'temporal' ? 'temporal' : namespace!,
    name,
  });

  const changes = await audited(
    run,
    deps,
    'runtime-workflow-update',
    {
      environment,
      engine,
      name,
      namespace: namespace ?? null,
      owner,
      service: input.service,
      requested: [
        ...(input.schedule !== undefined ? ['schedule'] : []),
        ...(input.target ? [`target ${input.target.type}`] : []),
        ...(input.suspended !== undefined
          ? [`suspended ${input.suspended}`]
          : []),
        ...Object.keys(input.temporal ?? {}).map(key => `temporal.${key}`),
      ],
    },
    async () => {
      const updateArgoEvents = async () => {
        // The namespace is the owner's: runProvisioningAction checked it (namespaceOf).
        const trigger = input.target
          ? await boundTrigger(
              deps,
              {
                environment,
                namespace: namespace!,
                claim,
                trigger: input.target,
              },
              deps.workflows ?? DEFAULT_WORKFLOW_TRIGGER_POLICY,
              run.signal,
            )
          : undefined;
        return updateArgoEventsWorkflow(
          deps.clients.client(environment, 'kubernetes'),
          {
            environment,
            namespace: namespace!,
            name,
            claim,
            schedule: input.schedule,
            trigger,
            suspended: input.suspended,
          },
          run,
        );
      };
      const apply = () =>
        engine === 'temporal'
          ? updateTemporalNamespace(
              deps.clients.client(environment, 'temporal'),
              { environment, name, claim, ...input.temporal },
              run,
            )
          : updateArgoEvents();
      const subject =
        engine === 'temporal'
          ? `Temporal namespace ${name}`
          : `workflow ${namespace}/${name}`;
      if (run.isDryRun) {
        const planned = await apply();
        run.logger.info(
          planned.length > 0
            ? `Dry run: would change ${subject}: ${planned.join(
                '; ',
              )}; nothing was changed`
            : `Dry run: ${subject} already has the input; nothing would change`,
        );
        return planned;
      }
      return run.checkpoint({
        key: `workflow-update.${environment}.${
          namespace ?? 'temporal'
        }.${name}`,
        fn: async () => {
          const made = await apply();
          run.logger.info(
            made.length > 0
              ? `Changed ${subject}: ${made.join('; ')}`
              : `${subject} already has the input; nothing was written`,
          );
          return made;
        },
      });
    },
  );

  if (changes.length > 0) {
    await announceResourceChange(run, deps, {
      environment,
      source: engine === 'temporal' ? 'temporal' : 'kubernetes',
    });
  }
  return { engine, name, entityRef, changes };
}
