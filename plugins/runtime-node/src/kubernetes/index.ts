export { KubernetesClient } from './KubernetesClient';
export {
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
  KUBERNETES_KINDS,
  apiVersionOf,
  findKind,
} from './kinds';
export {
  eventSourceServiceName,
  eventSourceWebhookUrls,
} from './eventSourceWebhookUrls';
export type { EventSourceWebhookUrl } from './eventSourceWebhookUrls';
export { KUBEAI_MODEL_ENGINES, KUBEAI_MODEL_FEATURES } from './kubeaiModel';
export type { KubeAIModelEngine, KubeAIModelFeature } from './kubeaiModel';
export {
  KUBEAI_SERVICE_NAME,
  discoverKubeAIUrl,
  kubeaiServiceUrl,
  openAIBaseUrl,
} from './kubeaiBaseUrl';
export type {
  ArgoCDApplication,
  ArgoEventBus,
  ArgoEventSource,
  ArgoEventSourceService,
  ArgoSensor,
  KubeAIModel,
  KubeAIModelSpec,
  KubernetesApplyOptions,
  KubernetesCallOptions,
  KubernetesClientOptions,
  KubernetesCondition,
  KubernetesDeleteOptions,
  KubernetesKind,
  KubernetesListAllOptions,
  KubernetesListOptions,
  KubernetesListPage,
  KubernetesManagedFieldsEntry,
  KubernetesObject,
  KubernetesObjectMeta,
  KubernetesOwnerReference,
  KubernetesWatchEvent,
  KubernetesWatchOptions,
  KubernetesWorkload,
  KubernetesWriteOptions,
} from './types';
export type {
  ApisixRoute,
  ApisixTls,
  CertManagerCertificate,
  ExternalDnsEndpoint,
} from './routeTypes';
