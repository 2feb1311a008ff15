/**
 * Runtime Portal backend library: the runtime configuration and one typed client per Runtime upstream.
 *
 * The surface is explicit: the clients and their types, the config and access readers, the Kubernetes
 * kinds, the error type and its guard, and the events topic. The HTTP plumbing (fetch, timeouts, body
 * reading, error parsers) stays inside the package. Test doubles live in the `testUtils` entry point.
 *
 * @packageDocumentation
 */

// The shared clients and their service
export {
  RuntimeClients,
  runtimeClientsServiceRef,
  type RuntimeClientsService,
  type RuntimePlatformClients,
  type RuntimeUpstreamClients,
} from './clients';

// Configuration
export {
  readRuntimeEnvironments,
  readRuntimeDeliveryServices,
  readResourceNamePrefix,
  readKubeAI,
  DEFAULT_KUBEAI_NAMESPACE,
  readPostgres,
  DEFAULT_POSTGRES_PORT,
  type PostgresAccess,
  readRoutes,
  isDnsName,
  DEFAULT_ROUTE_GATEWAY_NAMESPACE,
  DEFAULT_ROUTE_GATEWAY_SERVICE,
  type RouteSettings,
  RUNTIME_HTTP_SERVICES,
  type RuntimeDeliveryServices,
  type RuntimeEnvironment,
  type RuntimeHttpService,
  type HttpServiceAccess,
  type KubeAIAccess,
  type KubernetesAccess,
  type ObjectStorageAccess,
  type OpenBaoAccess,
  type TemporalAccess,
} from './config';

// Team access, callers, permissions and audit
export {
  readRuntimeAccess,
  teamOwningTarget,
  teamTargets,
  groupRef,
  resolveRuntimeCaller,
  mayActFor,
  requireActFor,
  TeamNamespaces,
  type RuntimeAccessConfig,
  type RuntimeTeamAccess,
  type RuntimeTargetKind,
  type RuntimeCaller,
} from './access';
export { requirePermission } from './permissions';

// Approvals (`runtime.approvals`)
export {
  readRuntimeApprovals,
  approvalRuleFor,
  type RuntimeApprovalFacts,
  type RuntimeApprovalRule,
  type RuntimeApprovalsConfig,
} from './approvals';
export { withAuditEvent } from './audit';

// Errors
export {
  RuntimeUpstreamError,
  isRuntimeUpstreamError,
  type RuntimeUpstream,
  type RuntimeUpstreamErrorOptions,
  type RuntimeUpstreamErrorReason,
} from './errors';

// Events
export {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  type RuntimeResourcesChangedPayload,
} from './events';

// Extension points of the Runtime catalog module
export {
  runtimeLiveResourceSourcesExtensionPoint,
  runtimeOwnerResolutionExtensionPoint,
  type RuntimeListedLiveResourceSource,
  type RuntimeLiveResource,
  type RuntimeLiveResourceSource,
  type RuntimeLiveResourceSourceBase,
  type RuntimeLiveResourceSourcesExtensionPoint,
  type RuntimeOwnerQuery,
  type RuntimeOwnerResolutionExtensionPoint,
  type RuntimeOwnerResolver,
  type RuntimeResolvedOwner,
  type RuntimeWatchedLiveResourceSource,
} from './extensions';

// Extension point of the Runtime backend plugin
export {
  runtimeObservabilitySignalsExtensionPoint,
  type RuntimeObservabilitySignal,
  type RuntimeObservabilitySignalRequest,
  type RuntimeObservabilitySignalsExtensionPoint,
  type RuntimeObservabilityWindow,
} from './extensions';

// Shared helpers
export { CoalescingCache } from './cache';
export { mapConcurrently, type HttpServiceClientOptions } from './http';

// Kubernetes
export {
  KubernetesClient,
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
  eventSourceServiceName,
  eventSourceWebhookUrls,
  KUBEAI_MODEL_ENGINES,
  KUBEAI_MODEL_FEATURES,
  KUBEAI_SERVICE_NAME,
  discoverKubeAIUrl,
  kubeaiServiceUrl,
  openAIBaseUrl,
  type EventSourceWebhookUrl,
  type KubeAIModelEngine,
  type KubeAIModelFeature,
  type ApisixRoute,
  type ApisixTls,
  type CertManagerCertificate,
  type ExternalDnsEndpoint,
  type ArgoCDApplication,
  type ArgoEventBus,
  type ArgoEventSource,
  type ArgoEventSourceService,
  type ArgoSensor,
  type KubeAIModel,
  type KubeAIModelSpec,
  type KubernetesApplyOptions,
  type KubernetesCallOptions,
  type KubernetesClientOptions,
  type KubernetesCondition,
  type KubernetesDeleteOptions,
  type KubernetesKind,
  type KubernetesListAllOptions,
  type KubernetesListOptions,
  type KubernetesListPage,
  type KubernetesManagedFieldsEntry,
  type KubernetesObject,
  type KubernetesObjectMeta,
  type KubernetesOwnerReference,
  type KubernetesWatchEvent,
  type KubernetesWatchOptions,
  type KubernetesWorkload,
  type KubernetesWriteOptions,
} from './kubernetes';

// OpenBao
export {
  OpenBaoClient,
  bucketKeysGrantName,
  secretGrantName,
  secretReadGrantName,
  type OpenBaoClientOptions,
  type OpenBaoCallOptions,
  type WriteSecretOptions,
  type WriteSecretMetadataOptions,
  type OpenBaoSecretVersion,
  type OpenBaoSecretVersionMetadata,
  type OpenBaoSecretKeys,
  type OpenBaoSecretMetadata,
  type WriteSecretMetadataRequest,
  type OpenBaoAclPolicy,
  type KubernetesAuthRoleRequest,
  type OpenBaoKubernetesAuthRole,
} from './openbao';

// Object storage (S3 and MinIO admin)
export {
  ObjectStorageClient,
  MinioAdminClient,
  EXPIRATION_RULE_ID,
  validateBucketName,
  bucketAccessNames,
  bucketAccessPolicy,
  decryptMadminData,
  encryptMadminData,
  MADMIN_ARGON2ID_AES_GCM,
  MADMIN_ARGON2ID_CHACHA20_POLY1305,
  MADMIN_PBKDF2_AES_GCM,
  type MadminAlgorithmId,
  type MinioUserInfo,
  type BucketAccessNames,
  type BucketLifecycle,
  type BucketLifecycleRule,
  type BucketPolicy,
  type BucketSummary,
  type BucketVersioning,
  type BucketWithTags,
  type DeleteBucketOptions,
  type ObjectStorageCallOptions,
} from './objectStorage';

// Temporal
export {
  TemporalClient,
  type RegisterTemporalNamespaceRequest,
  type TemporalCallOptions,
  type TemporalNamespace,
  type TemporalNamespaceState,
  type TemporalNamespaceUpdate,
} from './temporal';

// Observability
export {
  PrometheusClient,
  DEFAULT_PROMETHEUS_QUERIES,
  renderQuery,
  escapePromqlString,
  type PrometheusQueryTemplate,
  type PrometheusQueryVariables,
  type PrometheusInstantResult,
  type PrometheusInstantSample,
  type PrometheusPoint,
  type PrometheusQueryOptions,
  type PrometheusRangeQueryOptions,
  type PrometheusRangeResult,
  type PrometheusRangeSeries,
} from './prometheus';
export {
  AlertmanagerClient,
  alertmanagerEqualityMatcher,
  type ListAlertsRequest,
  type ObservabilityCallOptions,
  type RuntimeAlert,
} from './alertmanager';
export {
  LokiClient,
  buildStreamSelector,
  type LokiLogLine,
  type LokiQueryRangeRequest,
} from './loki';
export {
  TempoClient,
  type TempoSearchRequest,
  type TempoSpan,
  type TempoTraceSummary,
} from './tempo';
export { GrafanaClient, type GrafanaDashboard } from './grafana';

// Delivery
export {
  ArgoCdClient,
  type ArgoCdApplication,
  type ArgoCdApplicationManifest,
  type ArgoCdApplicationSource,
  type ArgoCdCallOptions,
  type ArgoCdCreateOptions,
  type ArgoCdHistoryEntry,
  type ArgoCdOperationState,
  type ArgoCdRequestedSync,
  type ArgoCdSyncPolicy,
  type ArgoCdSyncRequest,
} from './argocd';
export {
  GitLabClient,
  gitlabProjectOfFileUrl,
  type GitLabProjectOfFile,
  type GitLabCallOptions,
  type GitLabCommit,
  type GitLabJob,
  type GitLabJobListOptions,
  type GitLabJobStatus,
  type GitLabPageOptions,
  type GitLabPipeline,
  type GitLabPipelineStatus,
  type GitLabPipelineSummary,
  type GitLabProject,
} from './gitlab';
export {
  HarborClient,
  type HarborArtifact,
  type HarborCallOptions,
  type HarborScanSummary,
  type HarborVulnerabilityCounts,
} from './harbor';

// PostgreSQL (databases and their login roles)
export {
  PostgresClient,
  scramSha256Verifier,
  scramVerifierMatches,
  SCRAM_ITERATIONS,
  type PostgresCallOptions,
  type PostgresClaims,
  type PostgresDatabase,
  type PostgresDropDatabaseOptions,
  type PostgresRole,
} from './postgres';
