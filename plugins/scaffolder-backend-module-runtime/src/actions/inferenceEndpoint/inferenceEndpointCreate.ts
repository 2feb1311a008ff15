import { InputError } from '@backstage/errors';
import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
  runtimeInferenceEndpointCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubeAIModel,
  MODEL_KIND,
  NAMESPACE_KIND,
  apiVersionOf,
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
  requireSameClaim,
} from '../shared';
import { examples } from './inferenceEndpointCreate.examples';
import { waitForReadyModel } from './waitForReady';

/** KubeAI rejects Model names longer than this. */
const MAX_MODEL_NAME = 40;
const MODEL_URL = /^(hf|pvc|ollama|s3):\/\/\S+$/;
const RESOURCE_PROFILE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[1-9][0-9]*$/;

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
    namespace: dnsLabel(z, "The team's Kubernetes namespace"),
    url: z
      .string()
      .regex(
        MODEL_URL,
        'must start with hf://, pvc://, ollama:// or s3:// and name the model',
      )
      .describe(
        'Where the model comes from: hf://<org>/<model>, pvc://<name>[/<path>], ollama://<model> or s3://<bucket>/<path>',
      ),
    engine: z
      .enum(['OLlama', 'VLLM', 'FasterWhisper', 'Infinity'])
      .describe('Inference engine'),
    features: z
      .array(
        z.enum([
          'TextGeneration',
          'TextEmbedding',
          'Reranking',
          'SpeechToText',
        ]),
      )
      .min(1, 'must name at least one feature')
      .describe('What the model serves'),
    resourceProfile: z
      .string()
      .regex(
        RESOURCE_PROFILE,
        'must be <profile>:<count>, e.g. nvidia-gpu-l4:1 or cpu:2',
      )
      .optional()
      .describe('KubeAI resource profile and count, e.g. nvidia-gpu-l4:1'),
    minReplicas: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(100, 'must be at most 100')
      .default(1)
      .describe(
        'Replicas kept running; 0 scales to zero when idle (then the step does not wait)',
      ),
    maxReplicas: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional()
      .describe(
        'Most replicas the autoscaler may run; defaults to minReplicas (at least 1)',
      ),
    args: z
      .array(z.string())
      .max(64)
      .optional()
      .describe('Extra engine arguments'),
    env: z
      .record(z.string())
      .optional()
      .describe(
        'Environment variables of the engine (no secrets: use envFrom in the Model)',
      ),
    waitTimeoutSeconds: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(1800, 'must be at most 1800')
      .default(120)
      .describe('How long to wait for a ready replica; 0 does not wait'),
    baseUrl: z
      .string()
      .url('must be an http(s) URL')
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .optional()
      .describe(
        "KubeAI's URL as clients reach it; by default the in-cluster URL of the environment's kubeai Service",
      ),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    if (
      input.maxReplicas !== undefined &&
      input.maxReplicas < input.minReplicas
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxReplicas'],
        message: `must be at least minReplicas (${input.minReplicas})`,
      });
    }
  });

/** The outputs of `runtime:inference-endpoint:create`. */
export type InferenceEndpointCreateOutput = zod.output<
  ReturnType<typeof outputSchema>
>;

export const outputSchema = (z: typeof zod) =>
  z.object({
    baseUrl: z
      .string()
      .describe('OpenAI-compatible base URL (…/openai/v1) serving the model'),
    model: z.string().describe('The `model` value clients send'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the inference endpoint resource'),
  });

/**
 * `runtime:inference-endpoint:create`: applies a KubeAI `Model` in the team's namespace, labelled
 * with its owner and service, waits (bounded) for a ready replica and outputs its OpenAI-compatible
 * base URL.
 *
 * Idempotent: the Model is written with server-side apply, so a re-run with the same input changes
 * nothing; a Model of another team or service is a `ConflictError`. The apply is a single atomic
 * write: a failure before it leaves nothing; after it (a wait that timed out) the Model stays and keeps
 * loading, and re-running the step is safe.
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
  const kubernetes = deps.clients.client(input.environment, 'kubernetes');
  const signal = run.signal;
  const model: KubeAIModel = {
    apiVersion: apiVersionOf(MODEL_KIND),
    kind: MODEL_KIND.kind,
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: {
        [RUNTIME_OWNER_LABEL]: owner,
        [RUNTIME_SERVICE_LABEL]: input.service,
        'app.kubernetes.io/managed-by': 'runtime-portal',
      },
    },
    spec: {
      url: input.url,
      engine: input.engine,
      features: input.features,
      minReplicas: input.minReplicas,
      maxReplicas: input.maxReplicas ?? Math.max(input.minReplicas, 1),
      ...(input.resourceProfile
        ? { resourceProfile: input.resourceProfile }
        : {}),
      ...(input.args ? { args: input.args } : {}),
      ...(input.env ? { env: input.env } : {}),
    },
  };
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
        input.baseUrl ?? (await discoverKubeAIUrl(kubernetes, signal));
      if (!kubeaiUrl) {
        throw new InputError(
          `Invalid input: baseUrl: ${input.environment} has no kubeai Service to serve the model; give baseUrl`,
        );
      }
      const existing = await kubernetes.get(
        MODEL_KIND,
        input.namespace,
        input.name,
        { signal },
      );
      if (existing) {
        const labels = existing.metadata.labels ?? {};
        requireSameClaim(
          `Model ${input.namespace}/${input.name} in ${input.environment}`,
          {
            owner: labels[RUNTIME_OWNER_LABEL],
            service: labels[RUNTIME_SERVICE_LABEL],
          },
          { owner, service: input.service },
        );
      }

      if (run.isDryRun) {
        await kubernetes.apply(model, { dryRun: true, signal });
        run.logger.info(
          `Dry run: the API server accepted Model ${input.namespace}/${
            input.name
          } (${input.engine}, ${input.url}); it would ${
            existing ? 'update the existing one' : 'be created'
          } and serve at ${openAIBaseUrl(kubeaiUrl)}`,
        );
        return openAIBaseUrl(kubeaiUrl);
      }

      await run.checkpoint({
        key: `model.${input.environment}.${input.namespace}.${input.name}`,
        fn: async () => {
          const applied = await kubernetes.apply(model, { signal });
          run.logger.info(
            `Applied Model ${input.namespace}/${input.name} (${input.engine}, ${input.url})`,
          );
          return { uid: applied.metadata.uid ?? '' };
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

  return { baseUrl, model: input.name, entityRef };
}
