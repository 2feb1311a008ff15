import {
  ArgoCDApplication,
  ArgoEventBus,
  ArgoEventSource,
  ArgoSensor,
  KubeAIModel,
  KubernetesKind,
  KubernetesObject,
  KubernetesWorkload,
} from './types';
import {
  ApisixRoute,
  ApisixTls,
  CertManagerCertificate,
  ExternalDnsEndpoint,
} from './routeTypes';

/**
 * KubeAI `Model` (`kubeai.org/v1`, `models`).
 *
 * @public
 */
export const MODEL_KIND: KubernetesKind<KubeAIModel> = {
  group: 'kubeai.org',
  version: 'v1',
  kind: 'Model',
  plural: 'models',
  namespaced: true,
};

/**
 * Argo Events `EventSource` (`argoproj.io/v1alpha1`, `eventsources`).
 *
 * @public
 */
export const EVENT_SOURCE_KIND: KubernetesKind<ArgoEventSource> = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'EventSource',
  plural: 'eventsources',
  namespaced: true,
};

/**
 * Argo Events `Sensor` (`argoproj.io/v1alpha1`, `sensors`).
 *
 * @public
 */
export const SENSOR_KIND: KubernetesKind<ArgoSensor> = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Sensor',
  plural: 'sensors',
  namespaced: true,
};

/**
 * Argo Events `EventBus` (`argoproj.io/v1alpha1`; its CRD's plural is `eventbus`, as the singular).
 *
 * @public
 */
export const EVENT_BUS_KIND: KubernetesKind<ArgoEventBus> = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'EventBus',
  plural: 'eventbus',
  namespaced: true,
};

/**
 * Argo CD `Application` (`argoproj.io/v1alpha1`, `applications`).
 *
 * @public
 */
export const APPLICATION_KIND: KubernetesKind<ArgoCDApplication> = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Application',
  plural: 'applications',
  namespaced: true,
};

/**
 * Core `Namespace` (cluster-scoped).
 *
 * @public
 */
export const NAMESPACE_KIND: KubernetesKind<KubernetesObject> = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  namespaced: false,
};

/**
 * Core `Pod`.
 *
 * @public
 */
export const POD_KIND: KubernetesKind<KubernetesObject> = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  namespaced: true,
};

/**
 * Core `Service`.
 *
 * @public
 */
export const SERVICE_KIND: KubernetesKind<KubernetesObject> = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  namespaced: true,
};

/**
 * `apps/v1` `Deployment`.
 *
 * @public
 */
export const DEPLOYMENT_KIND: KubernetesKind<KubernetesWorkload> = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  namespaced: true,
};

/**
 * `apps/v1` `StatefulSet`.
 *
 * @public
 */
export const STATEFUL_SET_KIND: KubernetesKind<KubernetesWorkload> = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  namespaced: true,
};

/**
 * APISIX `ApisixRoute` (`apisix.apache.org/v2`, `apisixroutes`).
 *
 * @public
 */
export const APISIX_ROUTE_KIND: KubernetesKind<ApisixRoute> = {
  group: 'apisix.apache.org',
  version: 'v2',
  kind: 'ApisixRoute',
  plural: 'apisixroutes',
  namespaced: true,
};

/**
 * APISIX `ApisixTls` (`apisix.apache.org/v2`, `apisixtlses`).
 *
 * @public
 */
export const APISIX_TLS_KIND: KubernetesKind<ApisixTls> = {
  group: 'apisix.apache.org',
  version: 'v2',
  kind: 'ApisixTls',
  plural: 'apisixtlses',
  namespaced: true,
};

/**
 * cert-manager `Certificate` (`cert-manager.io/v1`, `certificates`).
 *
 * @public
 */
export const CERTIFICATE_KIND: KubernetesKind<CertManagerCertificate> = {
  group: 'cert-manager.io',
  version: 'v1',
  kind: 'Certificate',
  plural: 'certificates',
  namespaced: true,
};

/**
 * ExternalDNS `DNSEndpoint` (`externaldns.k8s.io/v1alpha1`, `dnsendpoints`).
 *
 * @public
 */
export const DNS_ENDPOINT_KIND: KubernetesKind<ExternalDnsEndpoint> = {
  group: 'externaldns.k8s.io',
  version: 'v1alpha1',
  kind: 'DNSEndpoint',
  plural: 'dnsendpoints',
  namespaced: true,
};

/**
 * Every kind the suite uses.
 *
 * @public
 */
export const KUBERNETES_KINDS: ReadonlyArray<KubernetesKind<any>> = [
  MODEL_KIND,
  EVENT_SOURCE_KIND,
  SENSOR_KIND,
  EVENT_BUS_KIND,
  APPLICATION_KIND,
  NAMESPACE_KIND,
  POD_KIND,
  SERVICE_KIND,
  DEPLOYMENT_KIND,
  STATEFUL_SET_KIND,
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
];

/**
 * `group/version`, or just the version for the core group.
 *
 * @public
 */
export function apiVersionOf(kind: KubernetesKind<any>): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/**
 * The registered kind of an object's `apiVersion` and `kind`, if any.
 *
 * @public
 */
export function findKind(
  apiVersion: string,
  kind: string,
): KubernetesKind<any> | undefined {
  return KUBERNETES_KINDS.find(
    k => apiVersionOf(k) === apiVersion && k.kind === kind,
  );
}
