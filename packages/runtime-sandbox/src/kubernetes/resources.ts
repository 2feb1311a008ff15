/**
 * The kinds the sandbox API server serves, described as kube-apiserver's discovery describes them.
 * (The portal's client keeps its own registry; the sandbox must not import plugin packages.)
 */

/** One served resource type. */
export interface ResourceType {
  /** API group; empty for the core group. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /** True for CRD-backed kinds: they differ from built-ins in a few documented ways. */
  custom: boolean;
  /** Whether writes to the main resource ignore `.status` (and `/status` writes only `.status`). */
  statusSubresource: boolean;
  /** The name rule kube-apiserver applies to this kind (RBAC objects: any path segment). */
  nameRule: 'subdomain' | 'label' | 'dns1035' | 'pathSegment';
}

const POD: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  listKind: 'PodList',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  custom: false,
  statusSubresource: true,
  nameRule: 'subdomain',
};

/**
 * A built-in kind that the sandbox stores and lists but runs no controller for: the kinds Backstage's
 * Kubernetes plugin asks every cluster about.
 */
const listedBuiltIn = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  shortNames?: string[],
): ResourceType => ({
  group,
  version,
  kind,
  listKind: `${kind}List`,
  plural,
  singular: kind.toLowerCase(),
  namespaced: true,
  shortNames,
  custom: false,
  statusSubresource: kind !== 'ConfigMap' && kind !== 'LimitRange',
  nameRule: 'subdomain',
});

/**
 * An RBAC kind (`rbac.authorization.k8s.io/v1`): stored and served like the others, and read by the
 * API server's own authorizer (`rbac/`).
 */
const rbacKind = (
  kind: string,
  plural: string,
  namespaced: boolean,
): ResourceType => ({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind,
  listKind: `${kind}List`,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  custom: false,
  statusSubresource: false,
  nameRule: 'pathSegment',
});

/**
 * A kind served from a CustomResourceDefinition in `crds/` (its names, scope and status
 * subresource as the CRD declares them; `crdKinds.test.ts` checks they agree).
 */
const crdKind = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  options: { namespaced?: boolean; shortNames?: string[] } = {},
): ResourceType => ({
  group,
  version,
  kind,
  listKind: `${kind}List`,
  plural,
  singular: kind.toLowerCase(),
  namespaced: options.namespaced ?? true,
  ...(options.shortNames ? { shortNames: options.shortNames } : {}),
  custom: true,
  statusSubresource: true,
  nameRule: 'subdomain',
});

/** Every resource type the sandbox serves. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rbacKind('ClusterRole', 'clusterroles', false),
  rbacKind('ClusterRoleBinding', 'clusterrolebindings', false),
  rbacKind('Role', 'roles', true),
  rbacKind('RoleBinding', 'rolebindings', true),
  listedBuiltIn('', 'v1', 'ConfigMap', 'configmaps', ['cm']),
  listedBuiltIn('', 'v1', 'LimitRange', 'limitranges', ['limits']),
  listedBuiltIn('', 'v1', 'ResourceQuota', 'resourcequotas', ['quota']),
  listedBuiltIn('apps', 'v1', 'ReplicaSet', 'replicasets', ['rs']),
  listedBuiltIn('apps', 'v1', 'DaemonSet', 'daemonsets', ['ds']),
  listedBuiltIn(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    ['hpa'],
  ),
  listedBuiltIn('batch', 'v1', 'Job', 'jobs'),
  listedBuiltIn('batch', 'v1', 'CronJob', 'cronjobs', ['cj']),
  listedBuiltIn('networking.k8s.io', 'v1', 'Ingress', 'ingresses', ['ing']),
  {
    // Served for cert-manager's Certificates (the kubernetes.io/tls Secret it writes); the portal's
    // account may not read them (deploy/rbac grants nothing on Secrets).
    group: '',
    version: 'v1',
    kind: 'Secret',
    listKind: 'SecretList',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    custom: false,
    statusSubresource: false,
    nameRule: 'subdomain',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    custom: false,
    statusSubresource: true,
    nameRule: 'label',
  },
  POD,
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    listKind: 'ServiceList',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    shortNames: ['svc'],
    custom: false,
    statusSubresource: true,
    nameRule: 'dns1035',
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    listKind: 'DeploymentList',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    shortNames: ['deploy'],
    custom: false,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    listKind: 'StatefulSetList',
    plural: 'statefulsets',
    singular: 'statefulset',
    namespaced: true,
    shortNames: ['sts'],
    custom: false,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    group: 'kubeai.org',
    version: 'v1',
    kind: 'Model',
    listKind: 'ModelList',
    plural: 'models',
    singular: 'model',
    namespaced: true,
    custom: true,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    // Argo Events' CRD (manifests/base/crds/argoproj.io_eventbus.yaml) uses `eventbus` as plural too.
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'EventBus',
    listKind: 'EventBusList',
    plural: 'eventbus',
    singular: 'eventbus',
    namespaced: true,
    shortNames: ['eb'],
    custom: true,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'EventSource',
    listKind: 'EventSourceList',
    plural: 'eventsources',
    singular: 'eventsource',
    namespaced: true,
    shortNames: ['es'],
    custom: true,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Sensor',
    listKind: 'SensorList',
    plural: 'sensors',
    singular: 'sensor',
    namespaced: true,
    shortNames: ['sn'],
    custom: true,
    statusSubresource: true,
    nameRule: 'subdomain',
  },
  {
    // Argo CD's Application CRD has no status subresource: Argo CD writes status on the main resource.
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Application',
    listKind: 'ApplicationList',
    plural: 'applications',
    singular: 'application',
    namespaced: true,
    shortNames: ['app', 'apps'],
    custom: true,
    statusSubresource: false,
    nameRule: 'subdomain',
  },
  // The networking CRDs a route uses (crds/: APISIX Ingress Controller, cert-manager, ExternalDNS).
  crdKind('apisix.apache.org', 'v2', 'ApisixRoute', 'apisixroutes', {
    shortNames: ['ar'],
  }),
  crdKind('apisix.apache.org', 'v2', 'ApisixTls', 'apisixtlses', {
    shortNames: ['atls'],
  }),
  crdKind('cert-manager.io', 'v1', 'Certificate', 'certificates', {
    shortNames: ['cert', 'certs'],
  }),
  crdKind('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', {
    namespaced: false,
  }),
  crdKind('externaldns.k8s.io', 'v1alpha1', 'DNSEndpoint', 'dnsendpoints'),
];

/** `group/version`, or `v1` for the core group. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group
    ? `${resource.group}/${resource.version}`
    : resource.version;
}

/** How kube-apiserver names the resource in messages: `models.kubeai.org`, `deployments.apps`, `pods`. */
export function qualifiedResource(resource: ResourceType): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}

/** How kube-apiserver names the kind in validation messages: `Model.kubeai.org`, `Pod`. */
export function qualifiedKind(resource: ResourceType): string {
  return resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
}

/** The resource type served at `group/version/plural`, if any. */
export function findResourceByPlural(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}

/** The resource type of a kind the sandbox itself uses (throws for a typo in sandbox code). */
export function resourceOfKind(kind: string): ResourceType {
  const resource = RESOURCE_TYPES.find(r => r.kind === kind);
  if (!resource) throw new Error(`The sandbox does not serve kind ${kind}`);
  return resource;
}
