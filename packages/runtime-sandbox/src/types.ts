import { RuntimeSeed } from './seed';

/** A protocol server of the sandbox, listening on localhost. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:6443`. */
  url: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/**
 * A running server that can picture its stored state (see `Sandbox.snapshot`): a plain,
 * JSON-comparable value read from memory, not over HTTP.
 */
export interface StatefulRunningServer<TSnapshot> extends RunningServer {
  /** The server's stored state now, as a deep copy with sorted keys. */
  snapshot(): Promise<TSnapshot>;
}

/** The credentials each sandbox upstream accepts (a wrong one is refused as the real server does). */
export interface SandboxCredentials {
  kubernetesToken: string;
  openbaoToken: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  temporalApiKey?: string;
  /** Grafana service-account token (bearer). */
  grafanaToken: string;
  /** Argo CD account token (bearer). */
  argocdToken: string;
  /** GitLab personal access token (`PRIVATE-TOKEN` header or bearer; git over HTTP as `oauth2`). */
  gitlabToken: string;
  /** Harbor robot account (basic auth). */
  harborUsername: string;
  harborPassword: string;
  /**
   * Keycloak's confidential client `backstage` in realm `runtime`: signs users in to Backstage (OIDC)
   * and, as a service account, reads users and groups through the admin API.
   */
  keycloakClientId: string;
  keycloakClientSecret: string;
  /**
   * PostgreSQL role and password: the portal's least-privilege role `runtime_portal`
   * (`deploy/postgres/runtime-portal.sql`), or for the administrator the superuser `postgres`.
   */
  postgresUser: string;
  postgresPassword: string;
}

/** What every upstream server of the sandbox is started with. */
export interface ServerOptions {
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 picks a free one. */
  port: number;
  seed: RuntimeSeed;
  /** The credentials the portal (and every client of the server) uses. */
  credentials: SandboxCredentials;
  /**
   * The platform administrator's credentials (Kubernetes `system:masters`, OpenBao's root token,
   * MinIO's root keys), for seeding and for tests that set up state directly. When given,
   * `credentials` are the portal's least-privilege identity of `deploy/`: the Kubernetes token is the
   * ServiceAccount `runtime-portal/runtime-portal` under the shipped RBAC, the OpenBao token carries
   * the policy `runtime-portal` only and the S3 keys are a MinIO user with the policy
   * `runtime-portal`. When absent, `credentials` are the administrator's (a server started alone).
   */
  adminCredentials?: SandboxCredentials;
  /** Speeds up simulated controllers in tests (milliseconds until a new workload is ready). */
  readyAfterMs?: number;
}

/**
 * The local development credentials of the portal, also written in app-config.yaml: with
 * {@link DEFAULT_SANDBOX_ADMIN_CREDENTIALS} beside them, the least-privilege identities `deploy/`
 * grants. Not secrets: sandbox only.
 */
export const DEFAULT_SANDBOX_CREDENTIALS: SandboxCredentials = {
  kubernetesToken: 'sandbox-kubernetes-token',
  openbaoToken: 'sandbox-openbao-token',
  s3AccessKeyId: 'sandbox-access-key',
  s3SecretAccessKey: 'sandbox-secret-key',
  grafanaToken: 'sandbox-grafana-token',
  argocdToken: 'sandbox-argocd-token',
  gitlabToken: 'sandbox-gitlab-token',
  harborUsername: 'robot$runtime-portal',
  harborPassword: 'sandbox-harbor-password',
  keycloakClientId: 'backstage',
  keycloakClientSecret: 'sandbox-keycloak-secret',
  postgresUser: 'runtime_portal',
  postgresPassword: 'sandbox-postgres-password',
};

/**
 * The platform administrator's credentials of the sandbox, for seeding and for tests that set up or
 * inspect state the portal may not touch: a Kubernetes token in `system:masters`, OpenBao's root
 * token, MinIO's root keys, PostgreSQL's superuser. The other upstreams have one identity only, the portal's. Not secrets:
 * sandbox only.
 */
export const DEFAULT_SANDBOX_ADMIN_CREDENTIALS: SandboxCredentials = {
  ...DEFAULT_SANDBOX_CREDENTIALS,
  kubernetesToken: 'sandbox-kubernetes-admin-token',
  openbaoToken: 'sandbox-openbao-root-token',
  s3AccessKeyId: 'sandbox-root-access-key',
  s3SecretAccessKey: 'sandbox-root-secret-key',
  postgresUser: 'postgres',
  postgresPassword: 'sandbox-postgres-admin-password',
};
