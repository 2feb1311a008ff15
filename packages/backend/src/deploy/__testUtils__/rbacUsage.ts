import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import {
  DEPLOYMENT_KIND,
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  KUBEAI_SERVICE_NAME,
  KubernetesKind,
  MODEL_KIND,
  NAMESPACE_KIND,
  SENSOR_KIND,
  SERVICE_KIND,
  STATEFUL_SET_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * Where a grant applies: the whole cluster (ClusterRoleBinding), each team namespace (the
 * provisioner ClusterRole bound by a RoleBinding there), KubeAI's namespace only or the APISIX
 * gateway's namespace only (a Role).
 */
export type RbacScope =
  | 'cluster'
  | 'team-namespaces'
  | 'kubeai-namespace'
  | 'gateway-namespace';

/** One API call the portal makes, and the code that makes it. */
export interface RbacUse {
  scope: RbacScope;
  group: string;
  resource: string;
  verbs: string[];
  /** When the calls name their objects: only these. */
  resourceNames?: string[];
  /** Whose call it is: the Runtime clients' (runtime-node KubernetesClient) or the Kubernetes tab's. */
  caller: 'runtime' | 'kubernetes-tab';
  /** The code path that needs it. */
  why: string;
}

const resourceOf = (kind: KubernetesKind<any>) => ({
  group: kind.group,
  resource: kind.plural,
});

/**
 * Every Kubernetes API call of the portal, from reading its code: the Runtime clients' calls
 * (plugins/runtime-node `KubernetesClient` get/list/watch/create/apply/delete, with the kinds of
 * runtime-node `kinds.ts`) and the Kubernetes tab's (@backstage/plugin-kubernetes-backend's
 * `DEFAULT_OBJECTS`, which it lists by label, its pod metrics, and the proxy calls of
 * @backstage/plugin-kubernetes-react). `deploy/rbac` must grant exactly these.
 *
 * Left out on purpose: the Kubernetes tab's "delete pod" button (a DELETE of pods through the
 * platform-admin-only proxy). The portal's account deletes nothing but the Argo Events objects a
 * failed workflow run has just created and what the `runtime:<type>:delete` actions retire (a
 * team's Model, EventSource, Sensor, and the EventBus the portal made for it).
 */
export const RBAC_USES: RbacUse[] = [
  {
    scope: 'cluster',
    ...resourceOf(NAMESPACE_KIND),
    verbs: ['get'],
    caller: 'runtime' as const,
    why: 'runtime-node access/TeamNamespaces.ts ownerOf; inferenceEndpointCreate.ts and workflowCreate.ts check the namespace exists',
  },
  {
    scope: 'cluster',
    ...resourceOf(NAMESPACE_KIND),
    verbs: ['list'],
    caller: 'runtime' as const,
    why: 'runtime-backend RuntimeHealthService.ts PROBES.kubernetes (list, limit 1)',
  },
  ...[DEPLOYMENT_KIND, STATEFUL_SET_KIND].map(kind => ({
    scope: 'cluster' as const,
    ...resourceOf(kind),
    verbs: ['list', 'watch'],
    caller: 'runtime' as const,
    why: 'catalog-backend-module-runtime discoverInstallations.ts INSTALLATION_KINDS through KubernetesInformer (list, then watch)',
  })),
  {
    scope: 'cluster',
    ...resourceOf(MODEL_KIND),
    verbs: ['list', 'watch'],
    caller: 'runtime' as const,
    why: 'catalog-backend-module-runtime liveResourceSources.ts `models` through KubernetesInformer',
  },
  {
    scope: 'cluster',
    ...resourceOf(MODEL_KIND),
    verbs: ['get'],
    caller: 'runtime' as const,
    why: 'runtime-backend inferenceEndpointDetails.ts; scaffolder claimedObject.ts readClaimedObject and inferenceEndpoint/waitForReady.ts',
  },
  {
    scope: 'cluster',
    ...resourceOf(SENSOR_KIND),
    verbs: ['list', 'watch'],
    caller: 'runtime' as const,
    why: 'catalog-backend-module-runtime liveResourceSources.ts `sensors` through KubernetesInformer',
  },
  {
    scope: 'cluster',
    ...resourceOf(SENSOR_KIND),
    verbs: ['get'],
    caller: 'runtime' as const,
    why: 'runtime-backend workflowDetails.ts; scaffolder workflowCreate.ts readClaimedObject',
  },
  {
    scope: 'cluster',
    ...resourceOf(EVENT_SOURCE_KIND),
    verbs: ['get'],
    caller: 'runtime' as const,
    why: 'runtime-backend workflowDetails.ts; scaffolder workflowCreate.ts readClaimedObject',
  },
  {
    scope: 'team-namespaces',
    ...resourceOf(MODEL_KIND),
    verbs: ['create', 'patch'],
    caller: 'runtime' as const,
    why: 'scaffolder claimedObject.ts writeClaimedObject: KubernetesClient.create (POST) or .apply (server-side apply PATCH); updateClaimedObject (inferenceEndpointUpdate.ts): .apply with the resourceVersion read',
  },
  {
    scope: 'team-namespaces',
    ...resourceOf(MODEL_KIND),
    verbs: ['delete'],
    caller: 'runtime' as const,
    why: 'scaffolder inferenceEndpointDelete.ts: KubernetesClient.delete of the claimed Model, with uid and resourceVersion preconditions',
  },
  ...[EVENT_SOURCE_KIND, SENSOR_KIND].map(kind => ({
    scope: 'team-namespaces' as const,
    ...resourceOf(kind),
    verbs: ['create', 'patch', 'delete'],
    caller: 'runtime' as const,
    why: 'scaffolder writeWorkflowObjects.ts: writeClaimedObject, and KubernetesClient.delete of what a failed run created; workflowDelete.ts retires them; updateArgoEventsWorkflow.ts: KubernetesClient.mergePatch (patch) with the resourceVersion read, and suspend/resume: the EventSource deleted with uid and resourceVersion preconditions, created again from its record on the Sensor',
  })),
  {
    scope: 'team-namespaces',
    ...resourceOf(EVENT_SOURCE_KIND),
    verbs: ['list'],
    caller: 'runtime' as const,
    why: 'scaffolder workflowDelete.ts: whether another EventSource still uses the EventBus it would remove',
  },
  {
    scope: 'team-namespaces',
    ...resourceOf(EVENT_BUS_KIND),
    verbs: ['get', 'create', 'delete'],
    caller: 'runtime' as const,
    why: 'scaffolder eventBus.ts missingEventBus (get), writeWorkflowObjects.ts createShared (create) and its rollback (delete); workflowDelete.ts removes one the portal made that nothing uses',
  },
  {
    scope: 'kubeai-namespace',
    ...resourceOf(SERVICE_KIND),
    verbs: ['get'],
    resourceNames: [KUBEAI_SERVICE_NAME],
    caller: 'runtime' as const,
    why: 'runtime-node kubernetes/kubeaiBaseUrl.ts discoverKubeAIUrl',
  },
  {
    scope: 'cluster',
    group: 'apisix.apache.org',
    resource: 'apisixroutes',
    verbs: ['list', 'watch'],
    caller: 'runtime' as const,
    why: "catalog-backend-module-runtime resources/routes.ts through KubernetesInformer; runtime:route:expose refuses a host held by another team's ApisixRoute",
  },
  {
    scope: 'cluster',
    group: 'cert-manager.io',
    resource: 'certificates',
    verbs: ['list', 'watch'],
    caller: 'runtime' as const,
    why: 'catalog-backend-module-runtime resources/routes.ts (certificate expiry and readiness) through KubernetesInformer',
  },
  ...[
    ['apisix.apache.org', 'apisixroutes'],
    ['apisix.apache.org', 'apisixtlses'],
    ['cert-manager.io', 'certificates'],
    ['externaldns.k8s.io', 'dnsendpoints'],
  ].map(([group, resource]) => ({
    scope: 'team-namespaces' as const,
    group,
    resource,
    verbs: ['get', 'create', 'patch', 'delete'],
    caller: 'runtime' as const,
    why: 'scaffolder actions/route/: runtime:route:expose reads (claim check) and writes the route objects (writeClaimedObject), runtime:route:delete removes them with uid and resourceVersion preconditions',
  })),
  {
    scope: 'gateway-namespace',
    group: '',
    resource: 'services',
    verbs: ['get'],
    resourceNames: ['apisix-gateway'],
    caller: 'runtime' as const,
    why: "scaffolder actions/route/: runtime:route:expose reads the gateway Service's LoadBalancer address for the DNSEndpoint",
  },
  ...DEFAULT_OBJECTS.map(object => ({
    scope: 'cluster' as const,
    group: object.group,
    resource: object.plural,
    verbs: ['list'],
    caller: 'kubernetes-tab' as const,
    why: 'the Kubernetes tab: @backstage/plugin-kubernetes-backend KubernetesClientBasedFetcher.fetchObjectsForService (DEFAULT_OBJECTS)',
  })),
  {
    scope: 'cluster',
    group: 'metrics.k8s.io',
    resource: 'pods',
    verbs: ['list'],
    caller: 'kubernetes-tab' as const,
    why: 'the Kubernetes tab: KubernetesClientBasedFetcher.fetchPodMetricsForNamespace (metrics.k8s.io/v1beta1 pods)',
  },
  {
    scope: 'cluster',
    group: '',
    resource: 'pods/log',
    verbs: ['get'],
    caller: 'kubernetes-tab' as const,
    why: 'the Kubernetes tab through the proxy: @backstage/plugin-kubernetes-react KubernetesProxyClient.getPodLogs',
  },
  {
    scope: 'cluster',
    group: '',
    resource: 'events',
    verbs: ['list'],
    caller: 'kubernetes-tab' as const,
    why: 'the Kubernetes tab through the proxy: KubernetesProxyClient.getEventsByInvolvedObjectName',
  },
];
