import {
  RUNTIME_RESOURCE_TYPES,
  runtimeBucketUpdatePermission,
  runtimeDatabaseUpdatePermission,
  runtimeInferenceEndpointUpdatePermission,
  runtimeRouteUpdatePermission,
  runtimeSecretUpdatePermission,
  runtimeWorkflowUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
  EVENT_SOURCE_KIND,
  KubernetesKind,
  MODEL_KIND,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  describeExpiry,
  dnsLabel,
  environmentField,
  expiresAtAfter,
  extendExpiresAfterField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { databaseNameField } from '../database/databaseFields';
import { examples } from './resourceExtend.examples';
import { ExpiryChange, ExpiryWrite } from './expiryRecord';
import { extendBucket } from './extendBucket';
import { extendDatabase } from './extendDatabase';
import { extendKubernetesObjects } from './extendKubernetesObjects';
import { extendSecret } from './extendSecret';
import { extendTemporalNamespace } from './extendTemporalNamespace';

const TYPES = [
  RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
  RUNTIME_RESOURCE_TYPES.secret,
  RUNTIME_RESOURCE_TYPES.bucket,
  RUNTIME_RESOURCE_TYPES.workflow,
  RUNTIME_RESOURCE_TYPES.database,
  RUNTIME_RESOURCE_TYPES.route,
] as const;

/**
 * A route's objects (`runtime:route:expose`), the ApisixRoute first: it holds the host and must
 * exist; the ApisixTls, DNSEndpoint and Certificate are extended with it when they are there.
 */
const ROUTE_KINDS: Array<KubernetesKind<any>> = [
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  DNS_ENDPOINT_KIND,
  CERTIFICATE_KIND,
];

/** The types whose objects are in a Kubernetes namespace (a workflow: only on Argo Events). */
const NAMESPACED: Partial<
  Record<
    (typeof TYPES)[number],
    { what: string; applies: (input: { engine?: string }) => boolean }
  >
> = {
  'inference-endpoint': { what: 'an inference endpoint', applies: () => true },
  route: { what: 'a route', applies: () => true },
  workflow: {
    what: 'an argo-events workflow',
    applies: input => input.engine === 'argo-events',
  },
};

/** The input's fields without the checks across fields (the registry lists this plain object). */
const inputObjectSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    type: z
      .enum(TYPES)
      .describe(
        'Type of the resource: inference-endpoint, secret, bucket, workflow, database or route',
      ),
    name: z
      .string()
      .min(1, 'is required')
      .max(63, 'must be at most 63 characters')
      .regex(
        /^[a-z0-9]([-._a-z0-9]*[a-z0-9_])?$/,
        'must be lowercase letters, digits, "-", "." and (a database) "_"',
      )
      .describe(
        'Name the resource was created with (a secret: its name without the service)',
      ),
    namespace: dnsLabel(
      z,
      "The team's Kubernetes namespace: required for an inference endpoint, a route and an argo-events workflow",
    ).optional(),
    engine: z
      .enum(['argo-events', 'temporal'])
      .optional()
      .describe("A workflow's engine: argo-events or temporal"),
    expiresAfter: extendExpiresAfterField(z),
  });

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  inputObjectSchema(z).superRefine((input, ctx) => {
    if (input.type === 'workflow' && !input.engine) {
      ctx.addIssue({
        code: 'custom',
        path: ['engine'],
        message: 'is required for a workflow',
      });
    }
    const namespaced = NAMESPACED[input.type];
    if (namespaced?.applies(input) && !input.namespace) {
      ctx.addIssue({
        code: 'custom',
        path: ['namespace'],
        message: `is required for ${namespaced.what}`,
      });
    }
    const nameProblem = nameIssue(z, input);
    if (nameProblem) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: nameProblem });
    }
  });

/**
 * Why `name` cannot be one of the type's: a database's is a PostgreSQL name (`databaseNameField`),
 * `_` is a database's only; undefined when it can.
 */
function nameIssue(
  z: typeof zod,
  input: { type: string; name: string },
): string | undefined {
  if (input.type === RUNTIME_RESOURCE_TYPES.database) {
    const parsed = databaseNameField(z).safeParse(input.name);
    return parsed.success ? undefined : parsed.error.issues[0].message;
  }
  return input.name.includes('_')
    ? `must not contain "_" (only a database's name may)`
    : undefined;
}

const outputSchema = (z: typeof zod) =>
  z.object({
    entityRef: z.string().describe('Catalog entity ref of the resource'),
    expiresAt: z
      .string()
      .optional()
      .describe('The new expiry (ISO 8601 UTC); absent for never'),
    previousExpiresAt: z
      .string()
      .optional()
      .describe('The expiry recorded before, if any'),
    changed: z
      .array(z.string())
      .describe(
        'What was (on a dry run: would be) rewritten; empty when the expiry was already this one',
      ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:resource:extend`. */
type ResourceExtendOutput = zod.output<ReturnType<typeof outputSchema>>;

const PERMISSIONS = {
  'inference-endpoint': runtimeInferenceEndpointUpdatePermission,
  secret: runtimeSecretUpdatePermission,
  bucket: runtimeBucketUpdatePermission,
  workflow: runtimeWorkflowUpdatePermission,
  database: runtimeDatabaseUpdatePermission,
  route: runtimeRouteUpdatePermission,
} as const;

/** The Kubernetes namespace the resource is in: an inference endpoint's, a route's, an Argo Events workflow's. */
function namespaceOf(input: Input): string | undefined {
  return NAMESPACED[input.type]?.applies(input) ? input.namespace : undefined;
}

/** The scope of the resource's entity name: its namespace, or `temporal` for a Temporal workflow. */
function scopeOf(input: Input): string | undefined {
  if (input.type === 'workflow' && input.engine === 'temporal') {
    return 'temporal';
  }
  return namespaceOf(input);
}

/** The upstream that records a resource's expiry. */
function upstreamOf(input: Input) {
  switch (input.type) {
    case 'secret':
      return 'openbao' as const;
    case 'bucket':
      return 'objectStorage' as const;
    case 'database':
      return 'postgres' as const;
    case 'workflow':
      return input.engine === 'temporal'
        ? ('temporal' as const)
        : ('kubernetes' as const);
    default:
      return 'kubernetes' as const;
  }
}

/** The upstreams a run reads: the one recording the expiry, and a database's stored credentials' (their claim is checked). */
function upstreamsOf(input: Input) {
  return input.type === 'database'
    ? [upstreamOf(input), 'openbao' as const]
    : upstreamOf(input);
}

/**
 * `runtime:resource:extend`: changes when a Runtime resource expires, to now plus `expiresAfter`
 * (`never` removes the expiry), where its create recorded it: the annotation
 * `runtime-portal.io/expires-at` of its Kubernetes objects (an inference endpoint's Model, an Argo
 * Events workflow's, a route's), the custom metadata `expires-at` of an OpenBao secret (and of a
 * bucket's stored keys), a bucket's tag, a Temporal namespace's data, the `expires-at` claim in the
 * COMMENT of a PostgreSQL database and its login role.
 *
 * The caller needs the type's update permission; the resource's recorded owner and service must be
 * the input's (a `ConflictError` naming both otherwise, with nothing written), checked on every part
 * before any is written. A resource that does not exist is a `NotFoundError`. The new expiry is
 * computed once per task (a checkpoint), and a record that already holds it, or a time within five
 * minutes of it, is not written, so a re-run changes nothing.
 *
 * @public
 */
export const resourceExtendAction = defineProvisioningAction({
  id: 'runtime:resource:extend',
  registryName: 'runtime-resource-extend',
  title: 'Extend a Runtime resource',
  description:
    "Changes when a Runtime resource (inference endpoint, secret, bucket, workflow, database or route) expires: to now plus expiresAfter, or never. The resource's owner and service must be the input's.",
  examples,
  inputSchema,
  inputObjectSchema,
  outputSchema,
  permission: input => PERMISSIONS[input.type],
  upstream: upstreamsOf,
  namespaceOf,
  destructive: true,
  provision: provisionExtend,
});

/**
 * The scaffolder action `runtime:resource:extend` (see `resourceExtendAction`).
 *
 * @public
 */
export function createRuntimeResourceExtendAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(resourceExtendAction, deps);
}

async function provisionExtend(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<ResourceExtendOutput> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const scope = scopeOf(input);
  const upstreamName =
    input.type === 'secret' ? `${input.service}/${input.name}` : input.name;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment: input.environment,
    type: input.type,
    scope,
    name: upstreamName,
  });

  return audited(
    run,
    deps,
    'runtime-resource-extend',
    {
      environment: input.environment,
      type: input.type,
      name: upstreamName,
      namespace: input.namespace ?? null,
      owner,
      service: input.service,
      expiresAfter: input.expiresAfter,
    },
    async () => {
      // Computed once per task: a retried step writes the same expiry, which is then a no-op.
      const expiresAt = run.isDryRun
        ? expiresAtAfter(input.expiresAfter)
        : (
            await run.checkpoint({
              key: `expiry.${entityRef}`,
              fn: async () => ({
                expiresAt: expiresAtAfter(input.expiresAfter) ?? null,
              }),
            })
          ).expiresAt ?? undefined;
      const write: ExpiryWrite = {
        expiresAt,
        dryRun: Boolean(run.isDryRun),
        signal: run.signal,
      };
      const change = await extend(deps, input, claim, write);
      // What is recorded now: the new expiry, or the one kept (already within minutes of it).
      const recorded = change.changed ? expiresAt : change.previous;
      const verb = run.isDryRun ? 'Dry run: would set' : 'Set';
      if (change.changed) {
        run.logger.info(
          `${verb} the expiry of ${change.subjects.join(
            ', ',
          )}: it ${describeExpiry(expiresAt)} (was: ${describeExpiry(
            change.previous,
          )})`,
        );
        await announceResourceChange(run, deps, {
          environment: input.environment,
          source: upstreamOf(input),
        });
      } else {
        run.logger.info(
          `${entityRef} already ${describeExpiry(recorded)}; nothing written`,
        );
      }
      return {
        entityRef,
        ...(recorded ? { expiresAt: recorded } : {}),
        ...(change.previous ? { previousExpiresAt: change.previous } : {}),
        changed: change.subjects,
      };
    },
  );
}

function extend(
  deps: RuntimeActionDeps,
  input: Input,
  claim: { owner: string; service: string },
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { environment, name } = input;
  const clients = deps.clients;
  switch (input.type) {
    case 'secret':
      return extendSecret(
        clients.client(environment, 'openbao'),
        { environment, path: `${input.service}/${name}`, claim },
        write,
      );
    case 'bucket':
      return extendBucket(
        clients.client(environment, 'objectStorage'),
        clients.has(environment, 'openbao')
          ? clients.client(environment, 'openbao')
          : undefined,
        { environment, name, claim },
        write,
      );
    case 'workflow':
      if (input.engine === 'temporal') {
        return extendTemporalNamespace(
          clients.client(environment, 'temporal'),
          { environment, name, claim },
          write,
        );
      }
      return extendKubernetesObjects(
        [SENSOR_KIND, EVENT_SOURCE_KIND],
        { namespace: input.namespace!, name },
        kubernetesContext(deps, input, claim, write),
        write,
      );
    case 'database':
      return extendDatabase(
        clients.client(environment, 'postgres'),
        clients.client(environment, 'openbao'),
        { environment, name, claim },
        write,
      );
    case 'route':
      return extendKubernetesObjects(
        ROUTE_KINDS,
        { namespace: input.namespace!, name },
        kubernetesContext(deps, input, claim, write),
        write,
      );
    default:
      return extendKubernetesObjects(
        [MODEL_KIND],
        { namespace: input.namespace!, name },
        kubernetesContext(deps, input, claim, write),
        write,
      );
  }
}

function kubernetesContext(
  deps: RuntimeActionDeps,
  input: Input,
  claim: { owner: string; service: string },
  write: ExpiryWrite,
) {
  return {
    kubernetes: deps.clients.client(input.environment, 'kubernetes'),
    environment: input.environment,
    claim,
    signal: write.signal,
  };
}
