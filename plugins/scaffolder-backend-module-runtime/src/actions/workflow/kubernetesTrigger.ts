import { NotAllowedError } from '@backstage/errors';
import { z as zod } from 'zod/v3';

const FIELD = 'argoEvents.trigger';

/** The most a trigger's object may weigh, as JSON. */
const MAX_RESOURCE_BYTES = 64 * 1024;
const MAX_METADATA_ENTRIES = 32;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const API_VERSION =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Keys naming the account an object's pods run as. */
const SERVICE_ACCOUNT_KEYS = new Set(['serviceAccountName', 'serviceAccount']);

const metadataMap = (z: typeof zod, maxValue: number, what: string) =>
  z
    .record(z.string().max(maxValue, `must be at most ${maxValue} characters`))
    .refine(map => Object.keys(map).length <= MAX_METADATA_ENTRIES, {
      message: `must have at most ${MAX_METADATA_ENTRIES} entries`,
    })
    .refine(map => Object.keys(map).every(key => QUALIFIED_NAME.test(key)), {
      message: `${what} keys must be qualified names such as example.com/name`,
    })
    .optional();

/**
 * The object a `k8s` trigger creates or changes: apiVersion, kind, a bounded metadata (name or
 * generateName, labels, annotations, and no namespace but the workflow's), and the rest of the
 * object, at most 64 KiB as JSON.
 */
export const kubernetesTriggerResourceSchema = (z: typeof zod) =>
  z
    .object({
      apiVersion: z
        .string()
        .max(253)
        .regex(API_VERSION, 'must be <group>/<version> or v1'),
      kind: z.string().regex(KIND, 'must be a Kubernetes kind such as Job'),
      metadata: z
        .object({
          name: z
            .string()
            .max(253)
            .regex(DNS_SUBDOMAIN, 'must be a DNS subdomain name')
            .optional(),
          generateName: z
            .string()
            .max(58)
            .regex(
              /^[a-z0-9]([-a-z0-9.]*)?$/,
              'must be lowercase letters, digits, "-" and "."',
            )
            .optional(),
          namespace: z
            .string()
            .max(63)
            .regex(DNS_LABEL, 'must be a namespace name')
            .optional(),
          labels: metadataMap(z, 63, 'label'),
          annotations: metadataMap(z, 4096, 'annotation'),
        })
        .strict()
        .default({}),
    })
    .passthrough()
    .refine(
      resource =>
        Buffer.byteLength(JSON.stringify(resource)) <= MAX_RESOURCE_BYTES,
      { message: `must be at most ${MAX_RESOURCE_BYTES / 1024} KiB as JSON` },
    )
    .describe(
      "The Kubernetes object the trigger creates, e.g. an Argo Workflow; it is created in the workflow's namespace",
    );

/** The `k8s` trigger of a workflow, as parsed. */
export interface KubernetesTriggerInput {
  operation: 'create' | 'update' | 'patch';
  resource: zod.output<ReturnType<typeof kubernetesTriggerResourceSchema>>;
  serviceAccountName?: string;
}

/**
 * Keeps a `k8s` trigger inside the team's namespace `namespace` and returns the object the Sensor
 * gets: its kind must be one of `kinds` (`apiVersion/Kind`, from `runtime.workflows`), its namespace
 * is the workflow's (another one is refused), its labels carry `claimLabels` (they cannot be set to
 * another team's), and every service account it names, and the Sensor's, is a plain name: an account
 * of that same namespace. Anything else is a `NotAllowedError` (403) saying why. Makes no call.
 */
export function boundKubernetesTrigger(
  trigger: KubernetesTriggerInput,
  context: {
    namespace: string;
    kinds: string[];
    claimLabels: Record<string, string>;
  },
): Record<string, unknown> {
  const { resource } = trigger;
  const { namespace, kinds } = context;
  const kind = `${resource.apiVersion}/${resource.kind}`;
  if (!kinds.includes(kind)) {
    throw new NotAllowedError(
      `Not allowed: ${FIELD}.resource: ${resource.apiVersion} ${
        resource.kind
      } is not a kind a Kubernetes trigger may create; allowed (runtime.workflows.kubernetesTriggerKinds): ${kinds.join(
        ', ',
      )}`,
    );
  }
  const given = resource.metadata.namespace;
  if (given !== undefined && given !== namespace) {
    throw new NotAllowedError(
      `Not allowed: ${FIELD}.resource.metadata.namespace: ${given} is not the workflow's namespace ${namespace}; a trigger creates objects only in its own namespace`,
    );
  }
  if (trigger.serviceAccountName !== undefined) {
    requireLocalServiceAccount(
      trigger.serviceAccountName,
      `${FIELD}.serviceAccountName`,
      namespace,
    );
  }
  walkServiceAccounts(resource, `${FIELD}.resource`, namespace);
  return {
    ...resource,
    metadata: {
      ...resource.metadata,
      namespace,
      labels: { ...resource.metadata.labels, ...context.claimLabels },
    },
  };
}

function walkServiceAccounts(value: unknown, path: string, namespace: string) {
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      walkServiceAccounts(item, `${path}[${i}]`, namespace),
    );
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (SERVICE_ACCOUNT_KEYS.has(key)) {
      requireLocalServiceAccount(child, `${path}.${key}`, namespace);
    } else {
      walkServiceAccounts(child, `${path}.${key}`, namespace);
    }
  }
}

/** A service account name alone names an account of the object's own namespace. */
function requireLocalServiceAccount(
  value: unknown,
  path: string,
  namespace: string,
) {
  if (
    typeof value === 'string' &&
    value.length <= 253 &&
    DNS_SUBDOMAIN.test(value)
  ) {
    return;
  }
  throw new NotAllowedError(
    `Not allowed: ${path}: ${JSON.stringify(
      String(value).slice(0, 100),
    )} is not an account name of namespace ${namespace}; a trigger runs only as a service account of the workflow's own namespace, named without a namespace`,
  );
}
