/**
 * Annotation keys of a runtime Component's installation in one environment, as the catalog module
 * discovers it from the environment's Deployments and StatefulSets.
 *
 * @public
 */
export function runtimeInstallationAnnotations(environment: string) {
  return {
    /** `true`, `false`, or `unknown` while the environment's cluster has not answered yet. */
    installed: `runtime-portal.io/installed.${environment}`,
    /** The installed version (`app.kubernetes.io/version`). */
    version: `runtime-portal.io/version.${environment}`,
    /** The namespace the component's workloads run in. */
    namespace: `runtime-portal.io/namespace.${environment}`,
    /** `true` when every workload has all its replicas ready. */
    ready: `runtime-portal.io/ready.${environment}`,
    /** Ready and desired replicas summed over the workloads, e.g. `2/3`. */
    replicas: `runtime-portal.io/replicas.${environment}`,
  } as const;
}

/**
 * Annotation keys with the details of live Runtime resources (catalog Resources).
 *
 * @public
 */
export const RUNTIME_RESOURCE_DETAIL_ANNOTATIONS = {
  /** Where a KubeAI Model's weights come from, e.g. `hf://BAAI/bge-small-en-v1.5`. */
  modelUrl: 'runtime-portal.io/model-url',
  /** A KubeAI Model's engine, e.g. `VLLM`. */
  modelEngine: 'runtime-portal.io/model-engine',
  /** A KubeAI Model's features, comma-separated. */
  modelFeatures: 'runtime-portal.io/model-features',
  /** Minimum replicas of a Model. */
  minReplicas: 'runtime-portal.io/min-replicas',
  /** Maximum replicas of a Model. */
  maxReplicas: 'runtime-portal.io/max-replicas',
  /** Ready replicas of a Model. */
  readyReplicas: 'runtime-portal.io/ready-replicas',
  /** Current version of an OpenBao secret (never its data). */
  secretVersion: 'runtime-portal.io/secret-version',
  /** When an OpenBao secret was last written. */
  secretUpdated: 'runtime-portal.io/secret-updated',
  /** The workflow engine of a workflow Resource: `argo-events` or `temporal`. */
  workflowEngine: 'runtime-portal.io/workflow-engine',
  /** Retention of a Temporal namespace, in days. */
  retentionDays: 'runtime-portal.io/retention-days',
  /** `true` on a suspended Argo Events workflow: its EventSource is removed, its spec kept for resume. */
  workflowSuspended: 'runtime-portal.io/suspended',
  /** A PostgreSQL database's size on disk, in bytes (`pg_database_size`). */
  databaseSizeBytes: 'runtime-portal.io/database-size-bytes',
  /** Open connections to a PostgreSQL database (`pg_stat_database.numbackends`). */
  databaseConnections: 'runtime-portal.io/database-connections',
  /** The login role that owns a PostgreSQL database (never its password). */
  databaseRole: 'runtime-portal.io/database-role',
  /** Where a database's credentials are in OpenBao's KV mount, e.g. `search-api/databases/orders`. */
  databaseCredentialsPath: 'runtime-portal.io/database-credentials-path',
  /** A route's public URL, e.g. `https://search-api.apps.dev.example.com`. */
  routeUrl: 'runtime-portal.io/route-url',
  /** The Kubernetes Service (`<name>:<port>`) a route sends its traffic to. */
  routeBackend: 'runtime-portal.io/route-backend',
  /** When a route's certificate expires (ISO 8601 UTC, cert-manager's `status.notAfter`). */
  routeCertificateExpiry: 'runtime-portal.io/route-certificate-expiry',
  /** Whether a route's certificate is ready (`true`/`false`, cert-manager's Ready condition). */
  routeCertificateReady: 'runtime-portal.io/route-certificate-ready',
} as const;
