/**
 * How the portal authenticates to an environment's Kubernetes API.
 *
 * @public
 */
export type KubernetesAccess = {
  /** API server URL; undefined for in-cluster access. */
  url?: string;
  authProvider: 'serviceAccount' | 'inCluster';
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  timeoutMs: number;
  /** The largest answer body read, in bytes (`maxResponseBytes`). */
  maxResponseBytes?: number;
};

/**
 * How the portal reaches an environment's OpenBao.
 *
 * @public
 */
export type OpenBaoAccess = {
  url: string;
  auth:
    | { type: 'token'; token: string }
    | {
        type: 'kubernetes';
        role: string;
        mount: string;
        serviceAccountTokenPath: string;
      };
  kvMount: string;
  namespace?: string;
  kubernetesAuthMount: string;
  timeoutMs: number;
  /** The largest answer body read, in bytes (`maxResponseBytes`). */
  maxResponseBytes?: number;
};

/**
 * How the portal reaches an environment's S3-compatible object storage.
 *
 * @public
 */
export type ObjectStorageAccess = {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  timeoutMs: number;
  /** The largest answer body read, in bytes (`maxResponseBytes`). */
  maxResponseBytes?: number;
};

/**
 * How the portal reaches an environment's Temporal server.
 *
 * @public
 */
export type TemporalAccess = {
  httpUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** The largest answer body read, in bytes (`maxResponseBytes`). */
  maxResponseBytes?: number;
};

/**
 * How the portal reaches a plain HTTP API of the Runtime (Prometheus, Alertmanager, Loki, Tempo,
 * Grafana, Argo CD, Harbor): its base URL and, when it needs them, a bearer token or basic-auth
 * credentials.
 *
 * @public
 */
export type HttpServiceAccess = {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Basic auth (with `password`), e.g. a Harbor robot account. */
  username?: string;
  password?: string;
  /** Extra headers, e.g. Loki's `X-Scope-OrgID` tenant. */
  headers: Record<string, string>;
  /** Base URL of the upstream's own UI for links, when it differs from `url`. */
  uiUrl?: string;
  timeoutMs: number;
  /** The largest answer body read, in bytes (`maxResponseBytes`). */
  maxResponseBytes?: number;
};

/**
 * Where an environment's KubeAI serves the OpenAI-compatible API of its Models. Only this is trusted:
 * a Service named `kubeai` in any other namespace (a team's) is never used.
 *
 * @public
 */
export type KubeAIAccess = {
  /** The configured base URL (without `/openai/v1`); when set, nothing is discovered. */
  baseUrl?: string;
  /** The only namespace where KubeAI's Service is looked for. */
  namespace: string;
};

/**
 * Where an environment publishes routes (`runtime:route:expose`): the domains hosts must be under,
 * the cert-manager ClusterIssuer that signs their certificates, the optional ingress class, and
 * the APISIX gateway Service whose LoadBalancer IP the DNS records point to.
 *
 * @public
 */
export type RouteSettings = {
  /** DNS names hosts must be a label under (`<label>.<domain>`); the first is the default. */
  domains: string[];
  /** The cert-manager `ClusterIssuer` named in each route's Certificate. */
  clusterIssuer: string;
  /** `spec.ingressClassName` of the APISIX objects, when the controller watches one class. */
  ingressClassName?: string;
  /** The gateway Service (type LoadBalancer) whose address DNS points hosts to. */
  gateway: { namespace: string; service: string };
};

/**
 * How the portal reaches an environment's PostgreSQL server (`runtime:database:*`): as its own
 * least-privilege role (`deploy/postgres/runtime-portal.sql`: LOGIN CREATEDB CREATEROLE, not
 * superuser), connected to a maintenance database.
 *
 * @public
 */
export type PostgresAccess = {
  host: string;
  /** Default 5432. */
  port: number;
  /** The portal's role. */
  user: string;
  password: string;
  /** The maintenance database the portal connects to (never listed as a team's). Default `postgres`. */
  database: string;
  /** Connect with TLS (certificates verified). Default false. */
  ssl: boolean;
  /** Base URL of a PgAdmin for links, when there is one. */
  pgAdminUrl?: string;
  /** Connect timeout and statement timeout of every call, in milliseconds. */
  timeoutMs: number;
};

/**
 * The HTTP upstreams configured per environment, by config key.
 *
 * @public
 */
export const RUNTIME_HTTP_SERVICES = [
  'prometheus',
  'alertmanager',
  'loki',
  'tempo',
  'grafana',
  'argocd',
] as const;

/**
 * One of {@link RUNTIME_HTTP_SERVICES}.
 *
 * @public
 */
export type RuntimeHttpService = (typeof RUNTIME_HTTP_SERVICES)[number];

/**
 * One configured Runtime environment, validated, with defaults applied.
 *
 * @public
 */
export type RuntimeEnvironment = {
  name: string;
  title: string;
  kubernetes?: KubernetesAccess;
  openbao?: OpenBaoAccess;
  objectStorage?: ObjectStorageAccess;
  temporal?: TemporalAccess;
  /** Where KubeAI is; always set by `readRuntimeEnvironments` (the platform's namespace by default). */
  kubeai?: KubeAIAccess;
  /** Where routes may be published; without it `runtime:route:expose` is refused. */
  routes?: RouteSettings;
  /** The environment's PostgreSQL server; without it `runtime:database:*` is refused. */
  postgres?: PostgresAccess;
} & Partial<Record<RuntimeHttpService, HttpServiceAccess>>;
