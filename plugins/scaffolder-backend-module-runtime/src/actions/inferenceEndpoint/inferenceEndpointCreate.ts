import { InputError } from '@backstage/errors';
import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_RESOURCE_TYPES,
  runtimeInferenceEndpointCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KUBEAI_MODEL_ENGINES,
  KUBEAI_MODEL_FEATURES,
  MODEL_KIND,
  NAMESPACE_KIND,
  discoverKubeAIUrl,
  openAIBaseUrl,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  defineProvisioningAction,
  toScaffolderAction,
  audited,
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  RuntimeActionRun,
  announceResourceChange,
  createExpiry,
  describeExpiry,
  expiresAfterField,
} from '../shared';
import { readClaimedObject, writeClaimedObject } from '../claimedObject';
import { examples } from './inferenceEndpointCreate.examples';
import { modelArgsSchema, modelEnvSchema } from './modelServerOptions';
import {
  maxReplicasField,
  minReplicasField,
  modelUrlField,
  replicaRangeProblem,
  resourceProfileField,
  waitTimeoutSecondsField,
} from './modelFields';
import { waitForReadyModel } from './waitForReady';
import { ModelSettings, modelObject } from './modelObject';

/** KubeAI rejects Model names longer than this. */
const MAX_MODEL_NAME = 40;
const MAX_URL = 2048;

/**
 * The input's fields without the checks across fields: the schema the actions registry lists
 * (it needs a plain object); `inputSchema` adds the checks and is what every run parses with.
 */
export const inputObjectSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(
      z,
      'Name of the KubeAI Model; clients send it as the OpenAI `model` field (at most 40 characters)',
      MAX_MODEL_NAME,
    ),
    namespace: dnsLabel(
      z,
      "The owner's Kubernetes namespace the Model is created in",
    ),
    url: modelUrlField(
      z,
      'Where the model comes from (it cannot change afterwards): hf://<org>/<model>, pvc://<name>[/<path>] or ollama://<model>',
    ),
    engine: z.enum(KUBEAI_MODEL_ENGINES).describe('Inference engine'),
    features: z
      .array(z.enum(KUBEAI_MODEL_FEATURES))
      .min(1, 'must name at least one feature')
      .max(
        KUBEAI_MODEL_FEATURES.length,
        `must name at most ${KUBEAI_MODEL_FEATURES.length} features`,
      )
      .describe('What the model serves'),
    resourceProfile: resourceProfileField(z).optional(),
    minReplicas: minReplicasField(z)
      .default(1)
      .describe(
        'Replicas kept running; 0 scales to zero when idle (then the step does not wait)',
      ),
    maxReplicas: maxReplicasField(z)
      .optional()
      .describe(
        'Most replicas the autoscaler may run; defaults to minReplicas (at least 1)',
      ),
    args: modelArgsSchema(z),
    env: modelEnvSchema(z),
    waitTimeoutSeconds: waitTimeoutSecondsField(
      z,
      'How long to wait for a ready replica; 0 does not wait',
    ),
    baseUrl: z
      .string()
      .max(MAX_URL, `must be at most ${MAX_URL} characters`)
      .url('must be an http(s) URL')
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .optional()
      .describe(
        "KubeAI's URL as clients reach it; by default the in-cluster URL of the environment's kubeai Service",
      ),
    expiresAfter: expiresAfterField(z),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    const problem = replicaRangeProblem(input.minReplicas, input.maxReplicas);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: problem });
    }
  });

/** The outputs of `runtime:inference-endpoint:create`. */
type InferenceEndpointCreateOutput = zod.output<
  ReturnType<typeof outputSchema>
>;

const outputSchema = (z: typeof zod) =>
  z.object({
    baseUrl: z
      .string()
      .describe('OpenAI-compatible base URL (…/openai/v1) serving the model'),
    model: z.string().describe('The `model` value clients send'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the inference endpoint resource'),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the endpoint expires (ISO 8601 UTC), as annotated on its Model; absent when it never does',
      ),
  });

/**
 * `runtime:inference-endpoint:create`: applies a KubeAI `Model` in the team's namespace, labelled
 * with its owner and service, waits (bounded) for a ready replica and outputs its OpenAI-compatible
 * base URL.
 *
 * The namespace must be the owner's (checked with the owner before provisioning); `args` and `env`
 * are bounded and may not replace what KubeAI sets for the portal (the model, its served name, the
 * listening address, the model source's credentials).
 *
 * Idempotent: the Model is created, or applied server-side over the resourceVersion whose claim was
 * checked, so a re-run with the same input changes nothing and a Model of another team or service is
 * never rewritten, even by a concurrent run: a `ConflictError` naming both claims. The write is a
 * single atomic one: a failure before it leaves nothing; after it (a wait that timed out) the Model
 * stays and keeps loading, and re-running the step is safe.
 *
 * @public
 */
export const inferenceEndpointCreateAction = defineProvisioningAction({
  id: 'runtime:inference-endpoint:create',
  registryName: 'runtime-inference-endpoint-create',
  title: 'Create a Runtime inference endpoint',
  description:
    "Creates an inference endpoint: a KubeAI Model in the team's namespace, labelled with its owner and service, and waits until it serves. Outputs the OpenAI-compatible base URL.",
  examples,
  inputSchema,
  inputObjectSchema,
  outputSchema,
  permission: runtimeInferenceEndpointCreatePermission,
  upstream: () => 'kubernetes',
  provision: provisionInferenceEndpoint,
});

/**
 * The scaffolder action `runtime:inference-endpoint:create` (see `inferenceEndpointCreateAction`).
 *
 * @public
 */
export function createRuntimeInferenceEndpointAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(inferenceEndpointCreateAction, deps);
}

async function provisionInferenceEndpoint(
  deps: RuntimeActionDeps,
  input: zod.output<ReturnType<typeof inputSchema>>,
  run: RuntimeActionRun,
): Promise<InferenceEndpointCreateOutput> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const kubernetes = deps.clients.client(input.environment, 'kubernetes');
  const signal = run.signal;
  const settings: ModelSettings = {
    url: input.url,
    engine: input.engine,
    features: input.features,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas ?? Math.max(input.minReplicas, 1),
    resourceProfile: input.resourceProfile,
    args: input.args,
    env: input.env,
  };
  let expiresAt: string | undefined;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment: input.environment,
    type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
    scope: input.namespace,
    name: input.name,
  });

  const baseUrl = await audited(
    run,
    deps,
    'runtime-inference-endpoint-create',
    {
      environment: input.environment,
      namespace: input.namespace,
      model: input.name,
      url: input.url,
      engine: input.engine,
      owner,
      service: input.service,
      expiresAfter: input.expiresAfter ?? null,
    },
    async () => {
      const namespace = await kubernetes.get(
        NAMESPACE_KIND,
        undefined,
        input.namespace,
        { signal },
      );
      if (!namespace) {
        throw new InputError(
          `Invalid input: namespace: '${input.namespace}' does not exist in ${input.environment}`,
        );
      }
      const kubeaiUrl =
        input.baseUrl ??
        (await discoverKubeAIUrl(
          kubernetes,
          deps.clients.environment(input.environment).kubeai,
          signal,
        ));
      if (!kubeaiUrl) {
        throw new InputError(
          `Invalid input: baseUrl: ${input.environment} has no kubeai Service in its KubeAI namespace and no kubeai.baseUrl configured; give baseUrl`,
        );
      }
      const context = {
        kubernetes,
        environment: input.environment,
        claim,
        signal,
      };
      const existing = await readClaimedObject(
        MODEL_KIND,
        input.namespace,
        input.name,
        context,
      );
      const recorded =
        existing?.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION];
      expiresAt = createExpiry(
        recorded,
        existing ? undefined : input.expiresAfter,
      );
      // Only a new Model gets the annotation; an existing one keeps its own (never re-applied).
      const model = modelObject(
        {
          name: input.name,
          namespace: input.namespace,
          claim,
          expiresAt: existing ? undefined : expiresAt,
        },
        settings,
      );

      if (run.isDryRun) {
        await writeClaimedObject(MODEL_KIND, model, {
          ...context,
          dryRun: true,
        });
        run.logger.info(
          `Dry run: the API server accepted Model ${input.namespace}/${
            input.name
          } (${input.engine}, ${input.url}); it would ${
            existing ? 'update the existing one' : 'be created'
          } and serve at ${openAIBaseUrl(kubeaiUrl)}; it ${describeExpiry(
            expiresAt,
          )}`,
        );
        return openAIBaseUrl(kubeaiUrl);
      }

      await run.checkpoint({
        key: `model.${input.environment}.${input.namespace}.${input.name}`,
        fn: async () => {
          const written = await writeClaimedObject(MODEL_KIND, model, context);
          run.logger.info(
            `${written.created ? 'Created' : 'Applied'} Model ${
              input.namespace
            }/${input.name} (${input.engine}, ${input.url})`,
          );
          return { uid: written.object.metadata.uid ?? '' };
        },
      });
      // Announced once applied, so the catalog shows the Model while it loads.
      await announceResourceChange(run, deps, {
        environment: input.environment,
        source: 'kubernetes',
      });

      if (input.minReplicas === 0 || input.waitTimeoutSeconds === 0) {
        run.logger.info(
          `Not waiting for a ready replica (minReplicas ${input.minReplicas}, waitTimeoutSeconds ${input.waitTimeoutSeconds}); KubeAI starts one on the first request`,
        );
      } else {
        run.logger.info(
          `Waiting up to ${input.waitTimeoutSeconds}s for a ready replica of ${input.name}`,
        );
        const ready = await waitForReadyModel(
          kubernetes,
          input.namespace,
          input.name,
          input.waitTimeoutSeconds * 1000,
          signal,
        );
        if (ready === undefined) {
          throw new Error(
            `Model ${input.namespace}/${input.name} was created but had no ready replica after ${input.waitTimeoutSeconds}s; it keeps loading, and re-running this step is safe`,
          );
        }
        run.logger.info(`Model ${input.name} has ${ready} ready replica(s)`);
      }
      return openAIBaseUrl(kubeaiUrl);
    },
  );

  return {
    baseUrl,
    model: input.name,
    entityRef,
    ...(expiresAt ? { expiresAt } : {}),
  };
}
