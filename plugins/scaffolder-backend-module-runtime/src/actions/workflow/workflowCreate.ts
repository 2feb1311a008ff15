import { ConflictError, InputError } from '@backstage/errors';
import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
  RUNTIME_SERVICE_METADATA_KEY,
  runtimeWorkflowCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EVENT_SOURCE_KIND,
  KubernetesKind,
  KubernetesObject,
  NAMESPACE_KIND,
  SENSOR_KIND,
  isRuntimeUpstreamError,
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
import { eventSourceObject, sensorObject } from './argoEventsObjects';
import { examples } from './workflowCreate.examples';

const CRON = /^(\S+\s+){4}\S+$/;
const INTERVAL = /^[1-9][0-9]*(s|m|h)$/;
const MAX_RETENTION_DAYS = 3650;

const sourceSchema = (z: typeof zod) =>
  z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('webhook'),
        endpoint: z
          .string()
          .regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path starting with /')
          .optional()
          .describe('HTTP path of the webhook; default /<name>'),
        port: z
          .number()
          .int()
          .min(1024, 'must be 1024 or more')
          .max(65535, 'must be at most 65535')
          .default(12000)
          .describe('Port the event source listens on'),
        method: z
          .enum(['POST', 'PUT', 'GET'])
          .default('POST')
          .describe('HTTP method accepted'),
      }),
      z.object({
        type: z.literal('calendar'),
        schedule: z
          .string()
          .regex(CRON, 'must be a cron expression with 5 fields')
          .optional()
          .describe('Cron schedule, e.g. "0 3 * * *"'),
        interval: z
          .string()
          .regex(INTERVAL, 'must be a duration such as 30s, 10m or 1h')
          .optional()
          .describe('Fixed interval, e.g. 10m (instead of schedule)'),
      }),
      z.object({
        type: z.literal('minio'),
        bucket: z
          .string()
          .min(3)
          .describe('Bucket whose events start the workflow'),
        events: z
          .array(
            z
              .string()
              .regex(
                /^s3:/,
                'must be an S3 event name such as s3:ObjectCreated:*',
              ),
          )
          .min(1)
          .default(['s3:ObjectCreated:*'])
          .describe('MinIO event names'),
        credentialsSecret: dnsLabel(
          z,
          'Kubernetes Secret (keys accesskey, secretkey) the event source reads MinIO with',
        ),
      }),
    ])
    .describe('Where events come from: webhook, calendar or minio');

const triggerSchema = (z: typeof zod) =>
  z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('http'),
        url: z
          .string()
          .url('must be an http(s) URL')
          .regex(/^https?:\/\//, 'must be an http(s) URL')
          .describe('URL called with the event'),
        method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
      }),
      z.object({
        type: z.literal('k8s'),
        operation: z.enum(['create', 'update', 'patch']).default('create'),
        resource: z
          .object({
            apiVersion: z.string().min(1),
            kind: z.string().min(1),
            metadata: z.record(z.unknown()),
          })
          .passthrough()
          .describe(
            'The Kubernetes object the trigger creates, e.g. an Argo Workflow',
          ),
        serviceAccountName: dnsLabel(
          z,
          'Service account the sensor acts as (it needs the rights for the operation)',
        ).optional(),
      }),
    ])
    .describe('What an event starts: an http call or a Kubernetes object');

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
      'Name of the workflow: of the EventSource and Sensor, or of the Temporal namespace',
    ),
    engine: z
      .enum(['argo-events', 'temporal'])
      .describe(
        'argo-events (event source + sensor) or temporal (a namespace)',
      ),
    argoEvents: z
      .object({
        namespace: dnsLabel(z, "The team's Kubernetes namespace"),
        source: sourceSchema(z),
        trigger: triggerSchema(z),
      })
      .optional()
      .describe('Required with engine argo-events'),
    temporal: z
      .object({
        retentionDays: z
          .number()
          .int('must be a whole number of days')
          .min(1, 'must be at least 1 day')
          .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
          .describe('How long closed workflow executions are kept'),
        description: z.string().max(256).optional(),
      })
      .optional()
      .describe('Required with engine temporal'),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    if (input.engine === 'argo-events' && !input.argoEvents) {
      ctx.addIssue({
        code: 'custom',
        path: ['argoEvents'],
        message: 'is required with engine argo-events',
      });
    }
    if (input.engine === 'temporal' && !input.temporal) {
      ctx.addIssue({
        code: 'custom',
        path: ['temporal'],
        message: 'is required with engine temporal',
      });
    }
    const source = input.argoEvents?.source;
    if (
      source?.type === 'calendar' &&
      Boolean(source.schedule) === Boolean(source.interval)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['argoEvents', 'source'],
        message: 'a calendar source needs exactly one of schedule or interval',
      });
    }
  });

export const outputSchema = (z: typeof zod) =>
  z.object({
    engine: z.string().describe('argo-events or temporal'),
    name: z.string().describe('Name of the Sensor or the Temporal namespace'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the workflow resource'),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:workflow:create`. */
export type WorkflowCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:workflow:create`: an Argo Events EventSource and Sensor (webhook, calendar or minio source;
 * http or Kubernetes trigger) in the team's namespace, or a Temporal namespace with its retention.
 *
 * Idempotent: Argo Events objects are written with server-side apply and the Temporal namespace with
 * `ensureNamespace` (an equal namespace is success). Objects of another team or service, and a
 * Temporal namespace with other settings, are a `ConflictError`. Each write is atomic; when the Sensor
 * fails after the EventSource was written the step can be re-run safely.
 *
 * @public
 */
export const workflowCreateAction = defineProvisioningAction({
  id: 'runtime:workflow:create',
  registryName: 'runtime-workflow-create',
  title: 'Create a Runtime workflow',
  description:
    'Creates a workflow: an Argo Events event source with its sensor (webhook, calendar or MinIO events triggering an HTTP call or a Kubernetes object), or a Temporal namespace with a retention.',
  examples,
  inputSchema,
  inputObjectSchema,
  outputSchema,
  permission: runtimeWorkflowCreatePermission,
  upstream: input => (input.engine === 'temporal' ? 'temporal' : 'kubernetes'),
  provision: provisionWorkflow,
});

/**
 * The scaffolder action `runtime:workflow:create` (see `workflowCreateAction`).
 *
 * @public
 */
export function createRuntimeWorkflowAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(workflowCreateAction, deps);
}

async function provisionWorkflow(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<WorkflowCreateOutput> {
  const owner = ownerName(input.owner);

  await audited(
    run,
    deps,
    'runtime-workflow-create',
    {
      environment: input.environment,
      engine: input.engine,
      name: input.name,
      namespace: input.argoEvents?.namespace ?? null,
      owner,
      service: input.service,
    },
    () =>
      input.engine === 'temporal'
        ? createTemporalNamespace(run, deps, input, owner)
        : createArgoEventsWorkflow(run, deps, input, owner),
  );

  await announceResourceChange(run, deps, {
    environment: input.environment,
    source: input.engine === 'temporal' ? 'temporal' : 'kubernetes',
  });
  return {
    engine: input.engine,
    name: input.name,
    entityRef: runtimeResourceEntityRef({
      prefix: deps.namePrefix,
      environment: input.environment,
      type: RUNTIME_RESOURCE_TYPES.workflow,
      scope:
        input.engine === 'temporal' ? 'temporal' : input.argoEvents!.namespace,
      name: input.name,
    }),
  };
}

async function createTemporalNamespace(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  input: Input,
  owner: string,
): Promise<void> {
  const temporal = deps.clients.client(input.environment, 'temporal');
  const { retentionDays, description } = input.temporal!;
  const request = {
    name: input.name,
    retentionDays,
    description,
    data: {
      [RUNTIME_OWNER_METADATA_KEY]: owner,
      [RUNTIME_SERVICE_METADATA_KEY]: input.service,
    },
  };
  const existing = await temporal.describeNamespace(input.name, {
    signal: run.signal,
  });
  if (existing) {
    requireSameClaim(
      `Temporal namespace ${input.name} in ${input.environment}`,
      {
        owner: existing.data[RUNTIME_OWNER_METADATA_KEY],
        service: existing.data[RUNTIME_SERVICE_METADATA_KEY],
      },
      { owner, service: input.service },
    );
  }
  if (run.isDryRun) {
    run.logger.info(
      `Dry run: would ${
        existing ? 'keep the existing' : 'register the'
      } Temporal namespace ${input.name} with ${retentionDays} days retention`,
    );
    return;
  }
  await run.checkpoint({
    key: `temporal-namespace.${input.environment}.${input.name}`,
    fn: async () => {
      try {
        const result = await temporal.ensureNamespace(request, {
          signal: run.signal,
        });
        run.logger.info(
          `${
            result === 'created' ? 'Registered' : 'Kept the existing'
          } Temporal namespace ${input.name}`,
        );
        return { result };
      } catch (error) {
        if (isRuntimeUpstreamError(error, 'Conflict')) {
          throw new ConflictError(error.message);
        }
        throw error;
      }
    },
  });
}

async function createArgoEventsWorkflow(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  input: Input,
  owner: string,
): Promise<void> {
  const kubernetes = deps.clients.client(input.environment, 'kubernetes');
  const { namespace, source, trigger } = input.argoEvents!;
  const signal = run.signal;
  if (
    source.type === 'minio' &&
    !deps.clients.has(input.environment, 'objectStorage')
  ) {
    throw new InputError(
      `Invalid input: argoEvents.source: ${input.environment} has no object storage for a minio source`,
    );
  }
  const spec = {
    name: input.name,
    namespace,
    labels: {
      [RUNTIME_OWNER_LABEL]: owner,
      [RUNTIME_SERVICE_LABEL]: input.service,
      'app.kubernetes.io/managed-by': 'runtime-portal',
    },
    source,
    trigger,
    objectStorageEndpoint:
      source.type === 'minio'
        ? deps.clients.environment(input.environment).objectStorage!.endpoint
        : undefined,
  };
  const objects = [eventSourceObject(spec), sensorObject(spec)];

  if (
    !(await kubernetes.get(NAMESPACE_KIND, undefined, namespace, { signal }))
  ) {
    throw new InputError(
      `Invalid input: argoEvents.namespace: '${namespace}' does not exist in ${input.environment}`,
    );
  }
  const kinds: KubernetesKind<KubernetesObject>[] = [
    EVENT_SOURCE_KIND,
    SENSOR_KIND,
  ];
  const existing = await Promise.all(
    kinds.map(kind => kubernetes.get(kind, namespace, input.name, { signal })),
  );
  for (const object of existing) {
    if (!object) continue;
    const labels = object.metadata.labels ?? {};
    requireSameClaim(
      `${object.kind} ${namespace}/${input.name} in ${input.environment}`,
      {
        owner: labels[RUNTIME_OWNER_LABEL],
        service: labels[RUNTIME_SERVICE_LABEL],
      },
      { owner, service: input.service },
    );
  }

  if (run.isDryRun) {
    for (const object of objects) {
      await kubernetes.apply(object, { dryRun: true, signal });
    }
    run.logger.info(
      `Dry run: the API server accepted EventSource and Sensor ${namespace}/${input.name} (${source.type} → ${trigger.type}); nothing was created`,
    );
    return;
  }
  for (const object of objects) {
    await run.checkpoint({
      key: `${object.kind}.${input.environment}.${namespace}.${input.name}`,
      fn: async () => {
        const applied = await kubernetes.apply(object, { signal });
        run.logger.info(`Applied ${object.kind} ${namespace}/${input.name}`);
        return { uid: applied.metadata.uid ?? '' };
      },
    });
  }
}
