import { InputError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeInferenceEndpointUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubeAIModel,
  MODEL_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
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
import { updateClaimedObject } from '../claimedObject';
import { examples } from './inferenceEndpointUpdate.examples';
import {
  maxReplicasField,
  minReplicasField,
  modelUrlField,
  replicaRangeProblem,
  resourceProfileField,
  waitTimeoutSecondsField,
} from './modelFields';
import { ModelSettings, modelObject, modelSettingsOf } from './modelObject';
import { modelRollout, waitForModelRollout } from './waitForReady';

/** The settings an update may change, in the order changes are reported. */
const CHANGEABLE = [
  'minReplicas',
  'maxReplicas',
  'resourceProfile',
  'url',
] as const;

/**
 * The input's fields without the checks across fields: the schema the actions registry lists;
 * `inputSchema` adds the checks and is what every run parses with.
 */
const inputObjectSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(z, 'Name of the KubeAI Model to change', 40),
    namespace: dnsLabel(z, "The owner's Kubernetes namespace of the Model"),
    minReplicas: minReplicasField(z)
      .optional()
      .describe('New minimum of replicas kept running (0: scale to zero)'),
    maxReplicas: maxReplicasField(z)
      .optional()
      .describe('New maximum of replicas the autoscaler may run'),
    resourceProfile: resourceProfileField(z)
      .optional()
      .describe('New KubeAI resource profile and count, e.g. nvidia-gpu-l4:1'),
    url: modelUrlField(
      z,
      "The model source; KubeAI v0.14.0 keeps a Model's url immutable, so only the current one is accepted",
    ).optional(),
    waitTimeoutSeconds: waitTimeoutSecondsField(
      z,
      'How long to wait for the rollout to finish; 0 reads its status once',
    ),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    if (CHANGEABLE.every(field => input[field] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `name at least one of ${CHANGEABLE.join(', ')} to change`,
      });
    }
    const problem =
      input.minReplicas !== undefined &&
      replicaRangeProblem(input.minReplicas, input.maxReplicas);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: problem });
    }
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

const outputSchema = (z: typeof zod) =>
  z.object({
    model: z.string().describe('The Model (the `model` value clients send)'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the inference endpoint resource'),
    changes: z
      .array(z.string())
      .describe(
        'What changed, one line each, e.g. "maxReplicas: 1 → 3" (on a dry run: what would); empty when the Model already had the input',
      ),
    rollout: z
      .object({
        ready: z.number().describe('Replicas ready to serve'),
        desired: z
          .number()
          .describe('Replicas KubeAI aims for, within min and max'),
        finished: z
          .boolean()
          .describe(
            'Whether exactly the desired replicas were ready within waitTimeoutSeconds (on a dry run: now)',
          ),
      })
      .describe("The Model's rollout after the change"),
  });

type Output = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:inference-endpoint:update`: changes an existing KubeAI `Model` of the owner and service:
 * its replica range, resource profile (and, as KubeAI v0.14.0 keeps `url` immutable, accepts only its
 * current url). Only the fields the input names are changed, validated as the create action
 * validates them; the Model must carry the input's owner and service labels (a `ConflictError`
 * otherwise) and exist (`NotFoundError`).
 *
 * The Model is applied server-side (strict field validation) with the resourceVersion that was read
 * and checked, so a concurrent change is refused with a `ConflictError`, not overwritten; a re-run
 * with the same input writes nothing. Then waits (bounded) for the rollout and outputs its status.
 *
 * @public
 */
export const inferenceEndpointUpdateAction = defineProvisioningAction({
  id: 'runtime:inference-endpoint:update',
  registryName: 'runtime-inference-endpoint-update',
  title: 'Update a Runtime inference endpoint',
  description:
    "Changes an inference endpoint's replica range or resource profile (only what the input names), then waits for the rollout and outputs its status.",
  examples,
  inputSchema,
  inputObjectSchema,
  outputSchema,
  permission: runtimeInferenceEndpointUpdatePermission,
  destructive: true,
  upstream: () => 'kubernetes',
  provision: updateInferenceEndpoint,
});

/**
 * The scaffolder action `runtime:inference-endpoint:update` (see `inferenceEndpointUpdateAction`).
 *
 * @public
 */
export function createRuntimeInferenceEndpointUpdateAction(
  deps: RuntimeActionDeps,
) {
  return toScaffolderAction(inferenceEndpointUpdateAction, deps);
}

async function updateInferenceEndpoint(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<Output> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const { environment, namespace, name } = input;
  const kubernetes = deps.clients.client(environment, 'kubernetes');
  const signal = run.signal;
  const subject = `Model ${namespace}/${name} in ${environment}`;
  const requested = Object.fromEntries(
    CHANGEABLE.filter(field => input[field] !== undefined).map(field => [
      field,
      input[field]!,
    ]),
  );

  return audited(
    run,
    deps,
    'runtime-inference-endpoint-update',
    {
      environment,
      namespace,
      model: name,
      owner,
      service: input.service,
      requested,
    },
    async () => {
      const context = { kubernetes, environment, claim, signal };
      let changes: string[] = [];
      const update = (dryRun: boolean) =>
        updateClaimedObject(
          MODEL_KIND,
          namespace,
          name,
          { ...context, dryRun },
          live => {
            const settings = changedSettings(
              subject,
              modelSettingsOf(live),
              input,
            );
            changes = settings.changes;
            return settings.changes.length > 0
              ? {
                  apply: modelObject({ name, namespace, claim }, settings.next),
                }
              : undefined;
          },
        );
      const entityRef = runtimeResourceEntityRef({
        prefix: deps.namePrefix,
        environment,
        type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
        scope: namespace,
        name,
      });

      if (run.isDryRun) {
        const result = requireFound(subject, await update(true));
        run.logger.info(
          changes.length > 0
            ? `Dry run: the API server accepted ${subject} with ${changes.join(
                ', ',
              )}; nothing was changed`
            : `Dry run: ${subject} already has the input; nothing would change`,
        );
        return {
          model: name,
          entityRef,
          changes,
          rollout: rolloutOutput(result.before),
        };
      }

      changes = await run.checkpoint({
        key: `model-update.${environment}.${namespace}.${name}`,
        fn: async () => {
          requireFound(subject, await update(false));
          run.logger.info(
            changes.length > 0
              ? `Changed ${subject}: ${changes.join(', ')}`
              : `${subject} already has the input; nothing was written`,
          );
          return changes;
        },
      });
      if (changes.length > 0) {
        await announceResourceChange(run, deps, {
          environment,
          source: 'kubernetes',
        });
      }

      run.logger.info(
        `Waiting up to ${input.waitTimeoutSeconds}s for the rollout of ${subject}`,
      );
      const rollout = await waitForModelRollout(
        kubernetes,
        namespace,
        name,
        input.waitTimeoutSeconds * 1000,
        signal,
      );
      const status = `${rollout.ready}/${rollout.desired} replica(s) ready`;
      if (rollout.finished) {
        run.logger.info(`The rollout of ${subject} finished: ${status}`);
      } else {
        run.logger.warn(
          `The rollout of ${subject} had not finished after ${input.waitTimeoutSeconds}s (${status}); it goes on, and re-running this step is safe`,
        );
      }
      const { ready, desired, finished } = rollout;
      return {
        model: name,
        entityRef,
        changes,
        rollout: { ready, desired, finished },
      };
    },
  );
}

/**
 * The Model's settings with the input's changes, and one line per change. The url cannot change
 * (KubeAI's CRD: "url is immutable"); the resulting replica range must hold (min ≤ max), or an
 * `InputError` names the field.
 */
function changedSettings(
  subject: string,
  current: ModelSettings,
  input: Input,
): { next: ModelSettings; changes: string[] } {
  if (input.url !== undefined && input.url !== current.url) {
    throw new InputError(
      `Invalid input: url: ${subject} serves ${current.url}; KubeAI keeps a Model's url immutable, so give a new endpoint (another name) for another model`,
    );
  }
  const next: ModelSettings = { ...current };
  const changes: string[] = [];
  for (const field of CHANGEABLE) {
    const value = input[field];
    if (value === undefined || value === current[field]) continue;
    (next as Record<string, unknown>)[field] = value;
    changes.push(`${field}: ${current[field] ?? 'none'} → ${value}`);
  }
  const problem = replicaRangeProblem(next.minReplicas ?? 0, next.maxReplicas);
  if (problem) {
    const field =
      input.maxReplicas !== undefined ? 'maxReplicas' : 'minReplicas';
    throw new InputError(
      `Invalid input: ${field}: maxReplicas ${problem} for ${subject} (minReplicas ${next.minReplicas}, maxReplicas ${next.maxReplicas}); change both`,
    );
  }
  return { next, changes };
}

function requireFound<T>(subject: string, result: T | undefined): T {
  if (!result) {
    throw new NotFoundError(
      `${subject} does not exist; create it with runtime:inference-endpoint:create`,
    );
  }
  return result;
}

function rolloutOutput(model: KubeAIModel) {
  const { ready, desired, finished } = modelRollout(model);
  return { ready, desired, finished };
}
