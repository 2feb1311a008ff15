/** A runtime component installed as a workload. */
export interface SeedComponent {
  name: string;
  area: string;
  namespace: string;
  version: string;
  workload: 'Deployment' | 'StatefulSet';
  replicas: number;
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

/** A team's service and what it owns on the Runtime. */
export interface SeedService {
  name: string;
  inferenceEndpoints?: SeedInferenceEndpoint[];
  buckets?: SeedBucket[];
  secrets?: SeedSecret[];
  workflows?: Array<SeedArgoEventsWorkflow | SeedTemporalWorkflow>;
}

/** A product team (a Backstage group) with its namespace. */
export interface SeedTeam {
  name: string;
  namespace: string;
  services: SeedService[];
}

/** The whole seeded Runtime installation. */
export interface RuntimeSeed {
  components: SeedComponent[];
  teams: SeedTeam[];
}
