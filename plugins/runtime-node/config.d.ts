export interface Config {
  /** Runtime Portal: how to reach the Runtime's upstreams, per environment. */
  runtime?: {
    /**
     * The largest answer body read from any upstream, in bytes, unless its block sets its own; a larger
     * answer is refused without reading the rest. Default 8388608 (8 MiB).
     */
    maxResponseBytes?: number;
    /**
     * Prefix of live resource entity names, e.g. `rt` gives `rt-dev-bucket-x`: 1-16 lowercase letters,
     * digits and dashes. The catalog module names the entities with it and the scaffolder module
     * outputs their refs with it. Replaces `catalog.providers.runtime.namePrefix`. Default none.
     */
    resourceNamePrefix?: string;
    /** Which `integrations.gitlab` entry is the platform's GitLab (pipelines on service pages). */
    gitlab?: {
      /** The integration's host; default the first `integrations.gitlab` entry. */
      host?: string;
      /** Per-request timeout in milliseconds. Default 10000. */
      timeoutMs?: number;
      /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
      maxResponseBytes?: number;
    };
    /** The platform's Harbor registry (images and their scan results on service pages). */
    harbor?: RuntimeHttpServiceConfig;
    /**
     * Who may act on what. Provisioning is allowed only for an owner the caller belongs to, and each
     * team acts only in its own namespaces, Argo CD projects, GitLab groups and Harbor projects.
     */
    access?: {
      /** Groups whose members may do everything (entity refs, e.g. `group:default/platform-team`). */
      platformAdmins?: string[];
      /**
       * The label on a Kubernetes Namespace that names the team owning it (a group name). Default
       * `runtime-portal.io/owner`. Namespaces so labelled belong to that team, in addition to `teams`.
       */
      namespaceOwnerLabel?: string;
      /** Each team's targets in the Runtime's upstreams. */
      teams?: Array<{
        /** The team's group, as an entity ref or a name (`group:default/search-team` or `search-team`). */
        group: string;
        /** Kubernetes namespaces the team's services run in. */
        namespaces?: string[];
        /** Argo CD projects of the team's applications. */
        argocdProjects?: string[];
        /** GitLab groups (full paths) of the team's projects. */
        gitlabGroups?: string[];
        /** Harbor projects of the team's images. */
        harborProjects?: string[];
      }>;
    };
    /**
     * Which runs of the Runtime actions need a second person's approval before they change anything
     * (the runtime backend stores the requests; the scaffolder module asks and waits). No rule, no gate.
     */
    approvals?: {
      /**
       * How long a pending request waits for a decision before it expires (a HumanDuration, e.g.
       * `{ hours: 24 }`, or an ISO 8601 duration string). Default 24 hours.
       */
      timeout?: { [unit: string]: number } | string;
      /** The rules, first match wins. */
      rules?: Array<{
        /** Action ids, e.g. `runtime:*:delete`; `*` matches one id segment (between colons). */
        actions: string[];
        /** The environments the rule applies to; all when absent. */
        environments?: string[];
        /** Conditions on the input: `gpu: true` applies only when it asks for a GPU resource profile. */
        when?: {
          /** Only when the input's `resourceProfile` names a GPU profile (e.g. `nvidia-gpu-l4:1`). */
          gpu?: boolean;
        };
        /** The group whose members decide (one of them, never the requester), e.g. `group:default/platform-team`. */
        approvers: string;
      }>;
    };
    /**
     * Resources created with an expiry (`expiresAfter`): the scaffolder module's task
     * `runtime-resource-expiry` notifies each one's owner group before it expires and retires it once
     * it has expired.
     */
    expiry?: {
      /** How often the task runs (a HumanDuration, e.g. `{ minutes: 10 }`). Default 10 minutes. */
      frequency?: { [unit: string]: number };
      /** How many days before its expiry the owner group is notified (once). Default 3. */
      notifyDaysBefore?: number;
    };
    /**
     * The Runtime environments the suite may call (for example dev, staging, prod). Only these are ever
     * reached: nothing in the catalog can point the backend at another URL.
     */
    environments: Array<{
      /** Short stable name, lowercase letters, digits and dashes, e.g. `dev`. */
      name: string;
      /** Human title shown in the portal. */
      title?: string;
      /** The environment's Kubernetes API. */
      kubernetes?: {
        /** API server URL. Omit with `authProvider: inCluster`. */
        url?: string;
        /** `serviceAccount` (a token from config) or `inCluster` (the pod's own account). Default `serviceAccount`. */
        authProvider?: 'serviceAccount' | 'inCluster';
        /**
         * Bearer token of the service account the portal uses.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** PEM of the API server's CA, base64-encoded as in a kubeconfig. */
        caData?: string;
        /** Path to the API server's CA file. */
        caFile?: string;
        /** Skip TLS verification (local use only). */
        skipTLSVerify?: boolean;
        /** Per-request timeout in milliseconds. Default 10000. */
        timeoutMs?: number;
        /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
        maxResponseBytes?: number;
      };
      /** The environment's OpenBao (Vault-compatible) server. */
      openbao?: {
        /** Base URL, e.g. `https://openbao.example.com`. */
        url: string;
        /**
         * A token for the portal's own policy.
         * @visibility secret
         */
        token?: string;
        /** Log in with Kubernetes auth instead of a static token. */
        kubernetesAuth?: {
          /** The OpenBao role to log in as. */
          role: string;
          /** Mount path of the Kubernetes auth method used to log in. Default `kubernetes`. */
          mount?: string;
          /** Where the pod's service account token is. Default the standard in-cluster path. */
          serviceAccountTokenPath?: string;
        };
        /** Mount of the KV v2 engine. Default `secret`. */
        kvMount?: string;
        /** OpenBao namespace (sent as `X-Vault-Namespace`). */
        namespace?: string;
        /** Mount of the Kubernetes auth method where service roles are written. Default `kubernetes`. */
        kubernetesAuthMount?: string;
        /** Per-request timeout in milliseconds. Default 10000. */
        timeoutMs?: number;
        /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
        maxResponseBytes?: number;
      };
      /** The environment's S3-compatible object storage (MinIO). */
      objectStorage?: {
        /** Endpoint URL, e.g. `https://minio.example.com`. */
        endpoint: string;
        /** Region. Default `us-east-1`. */
        region?: string;
        /**
         * Access key of the portal's account.
         * @visibility secret
         */
        accessKeyId: string;
        /**
         * Secret key of the portal's account.
         * @visibility secret
         */
        secretAccessKey: string;
        /** Path-style addressing. Default true (MinIO). */
        forcePathStyle?: boolean;
        /** Per-request timeout in milliseconds. Default 10000. */
        timeoutMs?: number;
        /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
        maxResponseBytes?: number;
      };
      /** The environment's Temporal server. */
      temporal?: {
        /** Temporal's HTTP API base URL (servers 1.22+), e.g. `http://temporal-frontend:7243`. */
        httpUrl: string;
        /**
         * API key sent as a bearer token, when the server requires one.
         * @visibility secret
         */
        apiKey?: string;
        /** Per-request timeout in milliseconds. Default 10000. */
        timeoutMs?: number;
        /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
        maxResponseBytes?: number;
      };
      /** Prometheus query API of the environment (RED and inference metrics). */
      prometheus?: RuntimeHttpServiceConfig;
      /** Alertmanager v2 API (alerts firing for an entity). */
      alertmanager?: RuntimeHttpServiceConfig;
      /** Loki query API (recent error log lines); `headers: { X-Scope-OrgID: tenant }` for a tenant. */
      loki?: RuntimeHttpServiceConfig;
      /** Tempo search API (recent slow or failed traces). */
      tempo?: RuntimeHttpServiceConfig;
      /** Grafana HTTP API (dashboards by tag), with a service-account `token`. */
      grafana?: RuntimeHttpServiceConfig;
      /** Argo CD API (applications, sync), with an account `token`. */
      argocd?: RuntimeHttpServiceConfig;
      /**
       * Where KubeAI serves the OpenAI-compatible API of the environment's Models. Only this is
       * trusted: a Service named `kubeai` in a team's namespace is never used.
       */
      kubeai?: {
        /** KubeAI's base URL as clients reach it (without `/openai/v1`); when set, nothing is discovered. */
        baseUrl?: string;
        /** The namespace whose Service `kubeai` is KubeAI's. Default `runtime-inference` (the platform model's). */
        namespace?: string;
      };
      /**
       * Where `runtime:route:expose` publishes hosts: an APISIX route, a cert-manager Certificate and
       * an ExternalDNS record per route. Without it routes are refused in this environment.
       */
      routes?: {
        /** Domains hosts must be a label under (`<label>.<domain>`), e.g. `apps.dev.example.com`; the first is the default. */
        domains: string[];
        /** The cert-manager ClusterIssuer that signs route certificates. */
        clusterIssuer: string;
        /** `spec.ingressClassName` of the APISIX objects, when the ingress controller watches one class. */
        ingressClassName?: string;
        /** The APISIX gateway Service (type LoadBalancer) whose IP the DNS records point to. */
        gateway?: {
          /** Default: APISIX's namespace in the platform model (`runtime-network`). */
          namespace?: string;
          /** Default `apisix-gateway`. */
          service?: string;
        };
      };
      /**
       * The environment's PostgreSQL server, where `runtime:database:create` makes a team's database
       * and its login role. The portal connects as its own least-privilege role
       * (`deploy/postgres/runtime-portal.sql`: LOGIN CREATEDB CREATEROLE, not superuser).
       */
      postgres?: {
        /** Host name or IP address, e.g. `postgres.runtime-data.svc`. */
        host: string;
        /** Port. Default 5432. */
        port?: number;
        /** The portal's role, e.g. `runtime_portal`. */
        user: string;
        /**
         * The portal role's password.
         * @visibility secret
         */
        password: string;
        /** The maintenance database the portal connects to (never listed as a team's). Default `postgres`. */
        database?: string;
        /** Connect with TLS, verifying the server's certificate. Default false. */
        ssl?: boolean;
        /** Base URL of a PgAdmin, for links from a database's page. */
        pgAdminUrl?: string;
        /** Connect and statement timeout of every call, in milliseconds. Default 10000. */
        timeoutMs?: number;
      };
    }>;
  };
}

/** How the portal reaches one plain HTTP upstream of the Runtime. */
interface RuntimeHttpServiceConfig {
  /** Base URL of the API, e.g. `http://prometheus.monitoring:9090`. */
  url: string;
  /** Base URL of its UI for links, when it differs from `url`. */
  uiUrl?: string;
  /**
   * Bearer token.
   * @visibility secret
   */
  token?: string;
  /** Basic-auth user, e.g. a Harbor robot account (with `password`). */
  username?: string;
  /**
   * Basic-auth password.
   * @visibility secret
   */
  password?: string;
  /**
   * Extra headers sent with every request.
   * @visibility secret
   */
  headers?: { [name: string]: string };
  /** Per-request timeout in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** The largest answer body read, in bytes; a larger one is an error. Default `runtime.maxResponseBytes`. */
  maxResponseBytes?: number;
}
