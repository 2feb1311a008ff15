/**
 * Live details of a runtime inference endpoint (a KubeAI Model).
 *
 * @public
 */
export interface RuntimeInferenceEndpointDetails {
  type: 'inference-endpoint';
  environment: string;
  namespace: string;
  name: string;
  modelUrl: string;
  engine: string;
  features: string[];
  resourceProfile?: string;
  minReplicas: number;
  maxReplicas: number;
  /** Replicas asked for and ready right now. */
  replicas: number;
  readyReplicas: number;
  /** The OpenAI-compatible base URL clients use; requests name the model as `name`. */
  openaiBaseUrl: string;
}

/**
 * Live details of a runtime bucket.
 *
 * @public
 */
export interface RuntimeBucketDetails {
  type: 'bucket';
  environment: string;
  name: string;
  /** The S3 endpoint (path-style). */
  endpoint: string;
  versioning: 'Enabled' | 'Suspended' | 'Off';
  /** Days after which objects expire, when a lifecycle rule says so. */
  expirationDays?: number;
  /** The bucket policy document, pretty-printed JSON, when there is one. */
  policy?: string;
  tags: Record<string, string>;
  /** The service's own MinIO user for the bucket, when the bucket names its service in its tags. */
  access?: RuntimeBucketAccess;
}

/**
 * A service's access to its bucket: the MinIO user the provisioning action made, that user's policy
 * and where its keys are kept. Never the keys.
 *
 * @public
 */
export interface RuntimeBucketAccess {
  service: string;
  /** The user's access key (a name, not a secret). */
  accessKey: string;
  /** `missing` when MinIO has no such user; `unknown` when the admin API could not be read. */
  userStatus: 'enabled' | 'disabled' | 'missing' | 'unknown';
  policyName: string;
  /** The user's policy document, pretty-printed JSON, when it exists. */
  policy?: string;
  /** Path of the user's keys in the environment's OpenBao KV mount. */
  credentialsPath: string;
  /** Why the user could not be read, when `userStatus` is `unknown`. */
  message?: string;
}

/**
 * Live details of a runtime secret: where it is, its versions and who can read it. Never its values.
 *
 * @public
 */
export interface RuntimeSecretDetails {
  type: 'secret';
  environment: string;
  /** KV v2 mount and path, e.g. `secret` and `semantic-search/database`. */
  mount: string;
  path: string;
  currentVersion: number;
  versions: Array<{
    version: number;
    createdTime: string;
    deletionTime?: string;
    destroyed: boolean;
  }>;
  /** The ACL policy that grants read and the Kubernetes auth roles that carry it. */
  readers: Array<{
    policy: string;
    role?: string;
    serviceAccounts: string[];
    namespaces: string[];
  }>;
}

/**
 * Live details of a runtime workflow: an Argo Events event source + sensor, or a Temporal namespace.
 *
 * @public
 */
export interface RuntimeWorkflowDetails {
  type: 'workflow';
  environment: string;
  engine: 'argo-events' | 'temporal';
  name: string;
  namespace?: string;
  /** What starts it, e.g. `webhook POST /recordings` or `calendar 0 2 * * *`. */
  triggers: Array<{ kind: string; description: string }>;
  /** What it does when triggered, e.g. `http POST http://...`. */
  actions: Array<{ kind: string; description: string }>;
  /**
   * The in-cluster URLs of its webhook sources that declare a Service, e.g.
   * `http://<eventsource>-eventsource-svc.<namespace>.svc:12000/recordings` (Argo Events only).
   */
  webhookUrls?: string[];
  /** Status conditions (Argo Events) or namespace state (Temporal). */
  conditions: Array<{ type: string; status: string; message?: string }>;
  retentionDays?: number;
}

/**
 * Live details of a runtime PostgreSQL database, read from PostgreSQL's own catalogs. Never a password.
 *
 * @public
 */
export interface RuntimeDatabaseDetails {
  type: 'database';
  environment: string;
  name: string;
  /** The environment's PostgreSQL server, as the service connects to it. */
  host: string;
  port: number;
  /** The owning team and the using service, from the database's claims (its COMMENT). */
  owner?: string;
  service?: string;
  /** The role that owns the database (the login role the service connects as). */
  role: string;
  /** Size on disk in bytes (`pg_database_size`); absent when the portal may not read it. */
  sizeBytes?: number;
  /** Open connections (`pg_stat_database.numbackends`). */
  connections: number;
  /** Where its credentials are in OpenBao's KV mount (`<service>/databases/<database>`), when the service is known. */
  credentialsPath?: string;
  /** A link to the database in the environment's PgAdmin, when one is configured (`postgres.pgAdminUrl`). */
  pgAdminUrl?: string;
}

/**
 * The answer of `GET /api/runtime/entity/:kind/:namespace/:name/resource` for a runtime Resource.
 *
 * @public
 */
export type RuntimeResourceDetails =
  | RuntimeInferenceEndpointDetails
  | RuntimeBucketDetails
  | RuntimeSecretDetails
  | RuntimeWorkflowDetails
  | RuntimeDatabaseDetails;
