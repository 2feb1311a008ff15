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
};

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
};
