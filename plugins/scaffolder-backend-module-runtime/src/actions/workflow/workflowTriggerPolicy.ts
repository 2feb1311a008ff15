import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * What the triggers of `runtime:workflow:create` may reach (`runtime.workflows`): the kinds a `k8s`
 * trigger may create, and the URL prefixes an `http` trigger may call besides the in-cluster
 * services of the owner's namespaces.
 *
 * @public
 */
export interface WorkflowTriggerPolicy {
  /** Kinds a `k8s` trigger may create or change, as `apiVersion/Kind` (e.g. `batch/v1/Job`). */
  kubernetesTriggerKinds: string[];
  /** Normalised http(s) URL prefixes an `http` trigger may call, whatever the owner. */
  httpTriggerAllowList: string[];
}

/** The kinds a `k8s` trigger may create when `runtime.workflows.kubernetesTriggerKinds` is not set. */
export const DEFAULT_KUBERNETES_TRIGGER_KINDS = [
  'batch/v1/Job',
  'argoproj.io/v1alpha1/Workflow',
];

/** The policy without configuration: the default kinds, no URL beyond the team's own services. */
export const DEFAULT_WORKFLOW_TRIGGER_POLICY: WorkflowTriggerPolicy = {
  kubernetesTriggerKinds: DEFAULT_KUBERNETES_TRIGGER_KINDS,
  httpTriggerAllowList: [],
};

const KIND_ENTRY =
  /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)\/([A-Z][A-Za-z0-9]{0,62})$/;

/**
 * Kinds that are cluster-scoped (a trigger could not be kept in the team's namespace) or that grant
 * rights: never allowed, even when configured.
 */
const FORBIDDEN_KINDS = new Set([
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'v1/ServiceAccount',
  'v1/Secret',
  'argoproj.io/v1alpha1/ClusterWorkflowTemplate',
  'storage.k8s.io/v1/StorageClass',
  'scheduling.k8s.io/v1/PriorityClass',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
]);
const FORBIDDEN_GROUPS = new Set([
  'rbac.authorization.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
]);

/**
 * Reads `runtime.workflows`; a bad entry stops the backend at start-up with a message naming the
 * key: kinds must be `apiVersion/Kind` of a namespaced kind that grants no rights, URL prefixes
 * absolute http(s) URLs without credentials, query or fragment.
 *
 * @public
 */
export function readWorkflowTriggerPolicy(
  config: RootConfigService,
): WorkflowTriggerPolicy {
  const workflows = config.getOptionalConfig('runtime.workflows');
  const kinds = workflows?.getOptionalStringArray('kubernetesTriggerKinds');
  const prefixes = workflows?.getOptionalStringArray('httpTriggerAllowList');
  return {
    kubernetesTriggerKinds: kinds
      ? kinds.map((kind, i) =>
          checkKind(kind, `runtime.workflows.kubernetesTriggerKinds[${i}]`),
        )
      : DEFAULT_KUBERNETES_TRIGGER_KINDS,
    httpTriggerAllowList: (prefixes ?? []).map((prefix, i) =>
      normalisePrefix(prefix, `runtime.workflows.httpTriggerAllowList[${i}]`),
    ),
  };
}

function checkKind(value: string, key: string): string {
  const match = KIND_ENTRY.exec(value);
  if (!match) {
    throw new Error(
      `Invalid config at '${key}': '${value}' is not <group>/<version>/<Kind> (or v1/<Kind> for the core group)`,
    );
  }
  if (FORBIDDEN_KINDS.has(value) || FORBIDDEN_GROUPS.has(match[1] ?? '')) {
    throw new Error(
      `Invalid config at '${key}': '${value}' is cluster-scoped or grants rights; a trigger may not create it`,
    );
  }
  return value;
}

function normalisePrefix(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid config at '${key}': '${value}' is not a URL`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new Error(
      `Invalid config at '${key}': '${value}' must be an http(s) URL without credentials, query or fragment`,
    );
  }
  return url.href;
}
