/**
 * A capability area of the Runtime (a catalog System).
 *
 * @public
 */
export interface RuntimeCapabilityArea {
  /** Stable id, also the System's entity name suffix. */
  id: string;
  title: string;
  description: string;
}

/**
 * A component of the Runtime (a catalog Component), as the platform describes it.
 *
 * @public
 */
export interface RuntimeComponentDefinition {
  /** Stable id; also the `app.kubernetes.io/name` label its workloads carry. */
  id: string;
  title: string;
  /** The capability area it belongs to. */
  area: string;
  description: string;
  /** Upstream documentation. */
  docsUrl: string;
  /** Ids of the APIs it provides (see {@link RUNTIME_APIS}). */
  providesApis?: string[];
  /** The namespace the platform installs it in, when the portal needs to find it there. */
  namespace?: string;
}

/**
 * An API that a runtime component provides (a catalog API entity).
 *
 * @public
 */
export interface RuntimeApiDefinition {
  id: string;
  title: string;
  /** Catalog API type: `openapi`, `grpc`, ... */
  type: string;
  description: string;
  docsUrl: string;
}

/**
 * The seven capability areas of the Runtime.
 *
 * @public
 */
export const RUNTIME_CAPABILITY_AREAS: readonly RuntimeCapabilityArea[] = [
  {
    id: 'network',
    title: 'Network',
    description:
      'Traffic into and between services: API gateway, load balancer addresses, ingress, DNS records and TLS certificates.',
  },
  {
    id: 'access-security',
    title: 'Access and security',
    description:
      'Who may do what: single sign-on, fine-grained authorisation and secrets management.',
  },
  {
    id: 'inference',
    title: 'Inference',
    description:
      'Serving AI models: OpenAI-compatible endpoints for text generation, embeddings and speech to text.',
  },
  {
    id: 'workflows',
    title: 'Workflows and automation',
    description:
      'Reacting to events and running durable workflows: event sources, sensors and workflow namespaces.',
  },
  {
    id: 'data-storage',
    title: 'Data and storage',
    description:
      'Relational databases, their administration, and S3-compatible object storage.',
  },
  {
    id: 'monitoring',
    title: 'Monitoring and debugging',
    description:
      'Metrics, logs, traces, alerts and dashboards for every service and endpoint.',
  },
  {
    id: 'delivery',
    title: 'Integration and delivery',
    description: 'Source, pipelines, container images and GitOps deployment.',
  },
];

/**
 * The APIs runtime components provide to product teams.
 *
 * @public
 */
export const RUNTIME_APIS: readonly RuntimeApiDefinition[] = [
  {
    id: 'openai-inference',
    title: 'OpenAI-compatible inference API',
    type: 'openapi',
    description:
      'Chat completions, completions, embeddings and audio transcriptions under /openai/v1, served by KubeAI.',
    docsUrl: 'https://www.kubeai.org/reference/openai-api-compatibility/',
  },
  {
    id: 's3',
    title: 'S3 API',
    type: 'openapi',
    description: 'S3-compatible object storage served by MinIO.',
    docsUrl:
      'https://min.io/docs/minio/linux/developers/s3-compatible-api.html',
  },
  {
    id: 'openbao',
    title: 'OpenBao API',
    type: 'openapi',
    description:
      'Vault-compatible HTTP API: KV v2 secrets, policies and Kubernetes auth.',
    docsUrl: 'https://openbao.org/api-docs/',
  },
  {
    id: 'temporal',
    title: 'Temporal API',
    type: 'grpc',
    description: 'Temporal workflow service (gRPC and HTTP).',
    docsUrl: 'https://docs.temporal.io/references/',
  },
  {
    id: 'keycloak-oidc',
    title: 'Keycloak OpenID Connect',
    type: 'openapi',
    description: 'OpenID Connect and OAuth 2.0 endpoints for service sign-in.',
    docsUrl: 'https://www.keycloak.org/docs/latest/securing_apps/',
  },
  {
    id: 'openfga',
    title: 'OpenFGA API',
    type: 'openapi',
    description: 'Relationship-based authorisation checks and writes.',
    docsUrl: 'https://openfga.dev/api/service',
  },
  {
    id: 'postgresql',
    title: 'PostgreSQL wire protocol',
    type: 'postgresql',
    description: 'Managed PostgreSQL databases.',
    docsUrl: 'https://www.postgresql.org/docs/current/protocol.html',
  },
  {
    id: 'prometheus-query',
    title: 'Prometheus query API',
    type: 'openapi',
    description: 'PromQL instant and range queries.',
    docsUrl: 'https://prometheus.io/docs/prometheus/latest/querying/api/',
  },
  {
    id: 'argo-events-webhook',
    title: 'Argo Events webhooks',
    type: 'openapi',
    description:
      'HTTP endpoints of webhook event sources that trigger sensors.',
    docsUrl:
      'https://argoproj.github.io/argo-events/eventsources/setup/webhook/',
  },
];

const component = (
  id: string,
  title: string,
  area: string,
  description: string,
  docsUrl: string,
  providesApis?: string[],
): RuntimeComponentDefinition => ({
  id,
  title,
  area,
  description,
  docsUrl,
  providesApis,
});

/**
 * The 24 components of the Runtime, by capability area.
 *
 * @public
 */
export const RUNTIME_COMPONENTS: readonly RuntimeComponentDefinition[] = [
  component(
    'apisix',
    'Apache APISIX',
    'network',
    'API gateway and ingress controller.',
    'https://apisix.apache.org/docs/',
  ),
  component(
    'metallb',
    'MetalLB',
    'network',
    'Load-balancer addresses for bare-metal clusters.',
    'https://metallb.io/',
  ),
  component(
    'ingress-nginx',
    'NGINX Ingress',
    'network',
    'Ingress controller on NGINX.',
    'https://kubernetes.github.io/ingress-nginx/',
  ),
  component(
    'external-dns',
    'ExternalDNS',
    'network',
    'DNS records for services and ingresses.',
    'https://kubernetes-sigs.github.io/external-dns/',
  ),
  component(
    'cert-manager',
    'cert-manager',
    'network',
    'TLS certificates, issued and renewed.',
    'https://cert-manager.io/docs/',
  ),
  component(
    'keycloak',
    'Keycloak',
    'access-security',
    'Identity and single sign-on.',
    'https://www.keycloak.org/documentation',
    ['keycloak-oidc'],
  ),
  component(
    'openfga',
    'OpenFGA',
    'access-security',
    'Fine-grained, relationship-based authorisation.',
    'https://openfga.dev/docs',
    ['openfga'],
  ),
  component(
    'openbao',
    'OpenBao',
    'access-security',
    'Secrets management (Vault-compatible).',
    'https://openbao.org/docs/',
    ['openbao'],
  ),
  {
    ...component(
      'kubeai',
      'KubeAI',
      'inference',
      'Operator that serves models behind an OpenAI-compatible API and autoscales them.',
      'https://www.kubeai.org/',
      ['openai-inference'],
    ),
    // where runtime-node looks for KubeAI's Service unless runtime.environments[].kubeai says otherwise
    namespace: 'runtime-inference',
  },
  component(
    'vllm',
    'vLLM',
    'inference',
    'High-throughput LLM inference engine.',
    'https://docs.vllm.ai/',
  ),
  component(
    'faster-whisper',
    'FasterWhisper',
    'inference',
    'Speech-to-text engine.',
    'https://github.com/SYSTRAN/faster-whisper',
  ),
  component(
    'argo-events',
    'Argo Events',
    'workflows',
    'Event sources and sensors that trigger work.',
    'https://argoproj.github.io/argo-events/',
    ['argo-events-webhook'],
  ),
  component(
    'temporal',
    'Temporal',
    'workflows',
    'Durable workflow execution.',
    'https://docs.temporal.io/',
    ['temporal'],
  ),
  component(
    'postgresql',
    'PostgreSQL',
    'data-storage',
    'Relational database.',
    'https://www.postgresql.org/docs/',
    ['postgresql'],
  ),
  component(
    'pgadmin',
    'pgAdmin',
    'data-storage',
    'Web administration for PostgreSQL.',
    'https://www.pgadmin.org/docs/',
  ),
  component(
    'minio',
    'MinIO',
    'data-storage',
    'S3-compatible object storage.',
    'https://min.io/docs/',
    ['s3'],
  ),
  component(
    'grafana',
    'Grafana',
    'monitoring',
    'Dashboards and alerting.',
    'https://grafana.com/docs/grafana/latest/',
  ),
  component(
    'prometheus',
    'Prometheus',
    'monitoring',
    'Metrics and alert rules.',
    'https://prometheus.io/docs/',
    ['prometheus-query'],
  ),
  component(
    'loki',
    'Loki',
    'monitoring',
    'Log aggregation.',
    'https://grafana.com/docs/loki/latest/',
  ),
  component(
    'alloy',
    'Grafana Alloy',
    'monitoring',
    'Telemetry collector and forwarder.',
    'https://grafana.com/docs/alloy/latest/',
  ),
  component(
    'tempo',
    'Tempo',
    'monitoring',
    'Distributed tracing backend.',
    'https://grafana.com/docs/tempo/latest/',
  ),
  component(
    'harbor',
    'Harbor',
    'delivery',
    'Container image registry with vulnerability scanning.',
    'https://goharbor.io/docs/',
  ),
  component(
    'gitlab',
    'GitLab',
    'delivery',
    'Source code and CI/CD pipelines.',
    'https://docs.gitlab.com/',
  ),
  component(
    'argo-cd',
    'Argo CD',
    'delivery',
    'GitOps continuous delivery.',
    'https://argo-cd.readthedocs.io/',
  ),
];

/**
 * The capability area a component belongs to, or undefined for an unknown component id.
 *
 * @public
 */
export function findCapabilityArea(
  componentId: string,
): RuntimeCapabilityArea | undefined {
  const definition = RUNTIME_COMPONENTS.find(c => c.id === componentId);
  return RUNTIME_CAPABILITY_AREAS.find(a => a.id === definition?.area);
}
