/** A runtime component installed as a workload. */
export interface SeedComponent {
  name: string;
  area: string;
  namespace: string;
  version: string;
  workload: 'Deployment' | 'StatefulSet';
  replicas: number;
  /**
   * Replicas whose metrics endpoint does not answer (default 0): their `up` series is 0, and when
   * more than 10 % of the component's targets are down the sandbox's Alertmanager fires `TargetDown`.
   */
  downReplicas?: number;
}

/** A service's PostgreSQL database (and its login role of the same name). */
export interface SeedDatabase {
  /** `[a-z][a-z0-9_]{0,62}`. */
  name: string;
}

/** A KubeAI model owned by a service. */
export interface SeedInferenceEndpoint {
  name: string;
  url: string;
  engine: string;
  features: string[];
  resourceProfile: string;
  minReplicas: number;
  maxReplicas: number;
  /** Inference traffic; the sandbox exports vLLM metrics for `VLLM` endpoints. */
  telemetry?: SeedTelemetry;
}

/** A MinIO bucket owned by a service. */
export interface SeedBucket {
  name: string;
  versioning: boolean;
  expirationDays?: number;
}

/** An OpenBao KV v2 secret owned by a service; the sandbox makes up its values. */
export interface SeedSecret {
  path: string;
  keys: string[];
}

/** An Argo Events event source with its sensor. */
export interface SeedArgoEventsWorkflow {
  engine: 'argo-events';
  name: string;
  source:
    | { webhook: { endpoint: string; port: number; method: string } }
    | { calendar: { schedule: string } }
    | { minio: { bucket: string; events: string[] } };
  trigger:
    | { http: { url: string; method: string } }
    | { k8s: { operation: string; kind: string; name: string } };
}

/** A Temporal namespace. */
export interface SeedTemporalWorkflow {
  engine: 'temporal';
  name: string;
  retentionDays: number;
}

/**
 * How a service or endpoint behaves in the sandbox's telemetry: request rate, error ratio and latency
 * that the simulated metrics, alerts, logs and traces follow over time.
 */
export interface SeedTelemetry {
  /** `degraded` makes the error ratio cross the alert threshold, so an alert fires. */
  health: 'healthy' | 'degraded';
  requestsPerSecond: number;
  /** 0–1. */
  errorRatio: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

/** Where a service is delivered from: GitLab project, Argo CD application and Harbor image. */
export interface SeedDelivery {
  /** `group/name`. */
  gitlabProject: string;
  defaultBranch: string;
  /** Status of the newest pipeline on the default branch. */
  lastPipeline: 'success' | 'failed' | 'running';
  argocd: {
    application: string;
    sync: 'Synced' | 'OutOfSync';
    health: 'Healthy' | 'Progressing' | 'Degraded';
  };
  image: {
    /** `project/repository` in Harbor. */
    repository: string;
    tags: string[];
    /** Vulnerabilities of the newest image by severity. */
    vulnerabilities: {
      critical: number;
      high: number;
      medium: number;
      low: number;
    };
  };
}

/** A team's service and what it owns on the Runtime. */
export interface SeedService {
  name: string;
  telemetry?: SeedTelemetry;
  delivery?: SeedDelivery;
  inferenceEndpoints?: SeedInferenceEndpoint[];
  buckets?: SeedBucket[];
  secrets?: SeedSecret[];
  workflows?: Array<SeedArgoEventsWorkflow | SeedTemporalWorkflow>;
  /**
   * PostgreSQL databases of the service, each created by the portal's role as
   * `runtime:database:create` does: a login role of the database's name owning it, claims
   * `{owner, service}` as both one's COMMENT, CONNECT revoked from PUBLIC.
   */
  databases?: SeedDatabase[];
}

/** A product team (a Backstage group) with its namespace. */
export interface SeedTeam {
  name: string;
  namespace: string;
  services: SeedService[];
}

/** A person of the sandbox's Keycloak realm, member of one group (a team). */
export interface SeedUser {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  /** The one group the user belongs to, e.g. `search-team` or `platform-team`. */
  group: string;
  /** A development-only sandbox password, written in the seed file on purpose. */
  password: string;
}

/** The whole seeded Runtime installation. */
export interface RuntimeSeed {
  components: SeedComponent[];
  teams: SeedTeam[];
  /** The people who sign in through the sandbox's Keycloak (none when absent). */
  users?: SeedUser[];
}
