import { ConflictError, InputError } from '@backstage/errors';
import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_LABEL,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  runtimeWorkflowCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  NAMESPACE_KIND,
  SENSOR_KIND,
  eventSourceWebhookUrls,
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
  createExpiry,
  describeExpiry,
  expiresAfterField,
} from '../shared';
import { readClaimedObject } from '../claimedObject';
import {
  eventSourceObject,
  sensorObject,
  workflowObjectLabels,
} from './argoEventsObjects';
import { boundTrigger } from './boundTrigger';
import {
  cronScheduleField,
  intervalField,
  triggerSchema,
} from './workflowFields';
import { DEFAULT_EVENT_BUS_NAME, missingEventBus } from './eventBus';
import {
  DEFAULT_WORKFLOW_TRIGGER_POLICY,
  WorkflowTriggerPolicy,
} from './workflowTriggerPolicy';
import { examples } from './workflowCreate.examples';
import {
  DEFAULT_WORKFLOW_EVENT_BUS_POLICY,
  WorkflowEventBusPolicy,
} from './workflowEventBusPolicy';
import {
  WorkflowObjectWrite,
  writeWorkflowObjects,
} from './writeWorkflowObjects';

const MAX_RETENTION_DAYS = 3650;
const WRITE_VERBS = {
  created: 'Created',
  applied: 'Applied',
  kept: 'Kept the existing',
} as const;

const sourceSchema = (z: typeof zod) =>
  z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('webhook'),
        endpoint: z
          .string()
          .max(256, 'must be at most 256 characters')
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
        schedule: cronScheduleField(z)
          .optional()
          .describe('Cron schedule, e.g. "0 3 * * *"'),
        interval: intervalField(z)
          .optional()
          .describe('Fixed interval, e.g. 10m (instead of schedule)'),
      }),
      z.object({
        type: z.literal('minio'),
        bucket: z
          .string()
          .min(3)
          .max(63)
          .describe('Bucket whose events start the workflow'),
        events: z
          .array(
            z
              .string()
              .max(128)
              .regex(
                /^s3:/,
                'must be an S3 event name such as s3:ObjectCreated:*',
              ),
          )
          .min(1)
          .max(16)
          .default(['s3:ObjectCreated:*'])
          .describe('MinIO event names'),
        credentialsSecret: dnsLabel(
          z,
          'Kubernetes Secret (keys accesskey, secretkey) the event source reads MinIO with',
        ),
      }),
    ])
    .describe('Where events come from: webhook, calendar or minio');

/**
 * The input's fields without the checks across fields: the schema the actions registry lists
 * (it needs a plain object); `inputSchema` adds the checks and is what every run parses with.
 */
const inputObjectSchema = (z: typeof zod) =>
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
        eventBusName: dnsLabel(
          z,
          `Argo Events EventBus of the namespace the workflow uses; default ${DEFAULT_EVENT_BUS_NAME}`,
        ).optional(),
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
    expiresAfter: expiresAfterField(z),
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

const outputSchema = (z: typeof zod) =>
  z.object({
    engine: z.string().describe('argo-events or temporal'),
    name: z.string().describe('Name of the Sensor or the Temporal namespace'),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the workflow resource'),
    webhookUrl: z
      .string()
      .optional()
      .describe(
        "A webhook source's in-cluster URL: http://<name>-eventsource-svc.<namespace>.svc:<port><endpoint>",
      ),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the workflow expires (ISO 8601 UTC), as recorded on its objects or namespace; absent when it never does',
      ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:workflow:create`. */
type WorkflowCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:workflow:create`: an Argo Events EventSource and Sensor (webhook, calendar or minio source;
 * http or Kubernetes trigger) in the team's namespace, or a Temporal namespace with its retention.
 *
 * Stays within the owner's reach: the namespace must be the owner's; a `k8s` trigger creates only
 * the kinds of `runtime.workflows.kubernetesTriggerKinds`, in that namespace, as its service accounts;
 * an `http` trigger calls only Services of the owner's namespaces or URLs under
 * `runtime.workflows.httpTriggerAllowList` (otherwise a `NotAllowedError` saying why).
 *
 * Argo Events runs nothing in a namespace without its EventBus (`argoEvents.eventBusName`, default
 * `default`): a missing one is refused before anything is written, unless
 * `runtime.workflows.createDefaultEventBus` says to create a JetStream `default` as part of the run.
 * A webhook source gets a Service (`spec.service.ports`) and its in-cluster URL is output as `webhookUrl`.
 *
 * Idempotent: Argo Events objects are created, or applied over the resourceVersion that was checked,
 * and the Temporal namespace is written with `ensureNamespace` (an equal namespace is success). Objects
 * of another team or service, also when created concurrently, and a Temporal namespace with other
 * settings, are a `ConflictError` naming both claims. Both claims are checked before anything is
 * written; when a write fails, the objects the run created (the EventBus included) are deleted again,
 * so the step can be re-run safely.
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
  namespaceOf: input => input.argoEvents?.namespace,
  provision: provisionWorkflow,
});

/**
 * What `runtime:workflow:create` is built with: the common deps and its trigger policy
 * (`runtime.workflows`, see `readWorkflowTriggerPolicy`; the defaults when absent).
 *
 * @public
 */
export interface WorkflowActionDeps extends RuntimeActionDeps {
  /** Which kinds `k8s` triggers may create and which URLs `http` triggers may call besides the team's Services. */
  workflows?: WorkflowTriggerPolicy;
  /** Whether a missing EventBus `default` is created (see `readWorkflowEventBusPolicy`); refused when absent. */
  eventBus?: WorkflowEventBusPolicy;
}

/**
 * The scaffolder action `runtime:workflow:create` (see `workflowCreateAction`).
 *
 * @public
 */
export function createRuntimeWorkflowAction(deps: WorkflowActionDeps) {
  return toScaffolderAction(workflowCreateAction, deps);
}

async function provisionWorkflow(
  deps: WorkflowActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<WorkflowCreateOutput> {
  const owner = ownerName(input.owner);

  const { webhookUrl, expiresAt } = await audited(
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
      expiresAfter: input.expiresAfter ?? null,
    },
    async (): Promise<{ webhookUrl?: string; expiresAt?: string }> => {
      if (input.engine === 'temporal') {
        return createTemporalNamespace(run, deps, input, owner);
      }
      return createArgoEventsWorkflow(run, deps, input, owner);
    },
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
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  };
}

async function createTemporalNamespace(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  input: Input,
  owner: string,
): Promise<{ expiresAt?: string }> {
  const temporal = deps.clients.client(input.environment, 'temporal');
  const { retentionDays, description } = input.temporal!;
  const existing = await temporal.describeNamespace(input.name, {
    signal: run.signal,
  });
  // A re-run keeps the expiry the first run recorded (and adds none).
  const expiresAt = createExpiry(
    existing?.data[RUNTIME_EXPIRES_AT_METADATA_KEY],
    existing ? undefined : input.expiresAfter,
  );
  const request = {
    name: input.name,
    retentionDays,
    description,
    data: {
      [RUNTIME_OWNER_METADATA_KEY]: owner,
      [RUNTIME_SERVICE_METADATA_KEY]: input.service,
      ...(expiresAt && !existing
        ? { [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt }
        : {}),
    },
  };
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
      } Temporal namespace ${
        input.name
      } with ${retentionDays} days retention; it ${describeExpiry(expiresAt)}`,
    );
    return { expiresAt };
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
  return { expiresAt };
}

async function createArgoEventsWorkflow(
  run: RuntimeActionRun,
  deps: WorkflowActionDeps,
  input: Input,
  owner: string,
): Promise<{ webhookUrl?: string; expiresAt?: string }> {
  const kubernetes = deps.clients.client(input.environment, 'kubernetes');
  const { namespace, source, eventBusName } = input.argoEvents!;
  const { environment } = input;
  const signal = run.signal;
  const policy = deps.workflows ?? DEFAULT_WORKFLOW_TRIGGER_POLICY;
  const claim = { owner, service: input.service };
  if (
    source.type === 'minio' &&
    !deps.clients.has(environment, 'objectStorage')
  ) {
    throw new InputError(
      `Invalid input: argoEvents.source: ${environment} has no object storage for a minio source`,
    );
  }
  // The namespace is the owner's: runProvisioningAction checked it (namespaceOf).
  const trigger = await boundTrigger(
    deps,
    {
      environment,
      namespace,
      claim,
      trigger: input.argoEvents!.trigger,
    },
    policy,
    signal,
  );
  if (
    !(await kubernetes.get(NAMESPACE_KIND, undefined, namespace, { signal }))
  ) {
    throw new InputError(
      `Invalid input: argoEvents.namespace: '${namespace}' does not exist in ${environment}`,
    );
  }
  const managedBy = { 'app.kubernetes.io/managed-by': 'runtime-portal' };
  const eventBus = await missingEventBus({
    kubernetes,
    environment,
    namespace,
    name: eventBusName ?? DEFAULT_EVENT_BUS_NAME,
    policy: deps.eventBus ?? DEFAULT_WORKFLOW_EVENT_BUS_POLICY,
    // The namespace's, not one service's: only the owning team is recorded.
    labels: { [RUNTIME_OWNER_LABEL]: owner, ...managedBy },
    signal,
  });

  const context = {
    kubernetes,
    environment,
    claim,
    signal,
    logger: run.logger,
  };
  // Both claims are checked before anything is written.
  const live = {
    eventSource: await readClaimedObject(
      EVENT_SOURCE_KIND,
      namespace,
      input.name,
      context,
    ),
    sensor: await readClaimedObject(
      SENSOR_KIND,
      namespace,
      input.name,
      context,
    ),
  };
  // A re-run keeps the expiry the first run recorded (and adds none); only a new object is
  // annotated, so an existing one keeps its own.
  const recorded = [live.sensor, live.eventSource]
    .map(
      object => object?.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
    )
    .find(Boolean);
  const expiresAt = createExpiry(
    recorded,
    live.eventSource || live.sensor ? undefined : input.expiresAfter,
  );
  const annotationsUnless = (exists: unknown) =>
    expiresAt && !exists
      ? { [RUNTIME_EXPIRES_AT_ANNOTATION]: expiresAt }
      : undefined;

  const spec = {
    name: input.name,
    namespace,
    labels: workflowObjectLabels(claim),
    source,
    trigger,
    objectStorageEndpoint:
      source.type === 'minio'
        ? deps.clients.environment(environment).objectStorage!.endpoint
        : undefined,
    eventBusName,
  };
  const eventSource = eventSourceObject({
    ...spec,
    annotations: annotationsUnless(live.eventSource),
  });
  const writes: WorkflowObjectWrite[] = [
    ...(eventBus
      ? [{ kind: EVENT_BUS_KIND, object: eventBus, mode: 'shared' as const }]
      : []),
    { kind: EVENT_SOURCE_KIND, object: eventSource, mode: 'claimed' },
    {
      kind: SENSOR_KIND,
      object: sensorObject({
        ...spec,
        annotations: annotationsUnless(live.sensor),
      }),
      mode: 'claimed',
    },
  ];
  const webhookUrl = eventSourceWebhookUrls(eventSource)[0]?.url;
  const described = `EventSource and Sensor ${namespace}/${input.name} (${
    source.type
  } → ${trigger.type})${
    eventBus ? `, with a new JetStream EventBus ${namespace}/default` : ''
  }`;

  if (run.isDryRun) {
    await writeWorkflowObjects(writes, { ...context, dryRun: true });
    run.logger.info(
      `Dry run: the API server accepted ${described}; nothing was created. The workflow ${describeExpiry(
        expiresAt,
      )}`,
    );
    return { webhookUrl, expiresAt };
  }
  await run.checkpoint({
    key: `argo-events-workflow.${environment}.${namespace}.${input.name}`,
    fn: async () => {
      const results = await writeWorkflowObjects(writes, context);
      for (const [object, result] of Object.entries(results)) {
        run.logger.info(`${WRITE_VERBS[result]} ${object}`);
      }
      return results;
    },
  });
  if (webhookUrl) {
    run.logger.info(`The webhook answers in the cluster at ${webhookUrl}`);
  }
  return { webhookUrl, expiresAt };
}
