export interface Config {
  /** Runtime Portal: how to reach the Runtime's upstreams, per environment. */
  runtime?: {
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
      };
    }>;
  };
}
