/**
 * The local runtime sandbox: protocol-faithful Kubernetes, OpenBao, S3, Temporal, Keycloak (and more)
 * servers on localhost, seeded with a Runtime installation. For development and tests; never part of a production
 * backend.
 *
 * @packageDocumentation
 */

export {
  startSandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  sandboxKeycloakConfig,
  DEFAULT_SANDBOX_PORTS,
} from './startSandbox';
export type { Sandbox, SandboxOptions, SandboxUpstream } from './startSandbox';
export {
  startProdSandbox,
  PROD_SANDBOX_PORTS,
  PROD_SANDBOX_PORT_OFFSET,
} from './startProdSandbox';
export type { ProdSandboxOptions } from './startProdSandbox';
export { ENVIRONMENT_UPSTREAMS } from './environmentUpstreams';
export type { EnvironmentUpstream } from './environmentUpstreams';
export type {
  SandboxSnapshot,
  KubernetesSnapshot,
  OpenBaoSnapshot,
  OpenBaoNamespaceSnapshot,
  OpenBaoKvSnapshot,
  S3Snapshot,
  S3BucketSnapshot,
  S3ObjectSnapshot,
  S3UserSnapshot,
  S3CannedPolicySnapshot,
  TemporalSnapshot,
  TemporalNamespaceSnapshot,
  PostgresSnapshot,
  PostgresDatabaseSnapshot,
  PostgresRoleSnapshot,
} from './snapshot';
export * from './types';
export * from './seed';
export * from './openbao';
export { startKubernetesServer } from './kubernetes';
export { startPostgresServer } from './postgres';
export type { PostgresServer } from './postgres';
export type {
  KubernetesServerOptions,
  RunningKubernetesServer,
} from './kubernetes';
export { startS3Server, FOREIGN_BUCKET_NAME } from './s3';
export { startTemporalServer } from './temporal';
export * from './telemetry';
export {
  startPrometheusServer,
  DEFAULT_PROMETHEUS_HISTORY_SECONDS,
} from './prometheus';
export type { PrometheusServerOptions } from './prometheus';
export {
  startAlertmanagerServer,
  SANDBOX_ALERT_RECEIVER,
} from './alertmanager';
export { startLokiServer } from './loki';
export type { LokiServerOptions } from './loki';
export { startTempoServer } from './tempo';
export { startGrafanaServer } from './grafana';
export { startGitLabServer, SEEDED_GITLAB_USERS } from './gitlab';
export { startArgoCdServer } from './argocd';
export type { ArgoCdServerOptions } from './argocd';
export { startHarborServer, VULNERABILITY_REPORT_MIME_TYPE } from './harbor';
export {
  startKeycloakServer,
  SANDBOX_KEYCLOAK_REALM,
  DEFAULT_KEYCLOAK_REDIRECT_URIS,
  CookieJar,
  openKeycloakLogin,
} from './keycloak';
export type { KeycloakServerOptions, KeycloakBrowserLogin } from './keycloak';
export { startCountingProxy } from './http/countingProxy';
export type { CountingProxy } from './http/countingProxy';
