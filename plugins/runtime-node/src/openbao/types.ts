import { OpenBaoAccess } from '../config';

/**
 * What {@link OpenBaoClient} is made from.
 *
 * @public
 */
export interface OpenBaoClientOptions {
  /** The configured runtime environment, named in errors. */
  environment: string;
  access: OpenBaoAccess;
  /** Replaces the global fetch, for tests. */
  fetch?: typeof fetch;
  /** How many folders {@link OpenBaoClient.listSecretsRecursive} lists at once. Defaults to 4. */
  listConcurrency?: number;
}

/**
 * Per-call options.
 *
 * @public
 */
export interface OpenBaoCallOptions {
  signal?: AbortSignal;
}

/**
 * Options of a secret write.
 *
 * @public
 */
export interface WriteSecretOptions extends OpenBaoCallOptions {
  /**
   * Check-and-set: write only if the secret's current version is this one; `0` writes only if the
   * secret does not exist yet.
   */
  cas?: number;
}

/**
 * Options of a secret metadata write.
 *
 * @public
 */
export interface WriteSecretMetadataOptions extends OpenBaoCallOptions {
  /**
   * Metadata check-and-set (OpenBao 2.4+ `metadata_cas`): write only if the metadata is at this
   * version; `0` writes only if the secret has no metadata yet.
   */
  metadataCas?: number;
}

/**
 * The version a secret write created (never its data).
 *
 * @public
 */
export interface OpenBaoSecretVersion {
  version: number;
  createdTime: string;
}

/**
 * One version of a secret, as its metadata describes it.
 *
 * @public
 */
export interface OpenBaoSecretVersionMetadata {
  version: number;
  createdTime: string;
  /** Set when the version was soft-deleted. */
  deletionTime?: string;
  destroyed: boolean;
}

/**
 * A secret's metadata in a KV version 2 mount: versions and custom metadata, never values.
 *
 * @public
 */
export interface OpenBaoSecretMetadata {
  /** Path of the secret within the KV mount. */
  path: string;
  currentVersion: number;
  /** How many times the metadata was written (OpenBao 2.4+; absent before): the `metadataCas` to send. */
  currentMetadataVersion?: number;
  oldestVersion: number;
  /** 0 means the mount's default. */
  maxVersions: number;
  createdTime: string;
  updatedTime: string;
  customMetadata: Record<string, string>;
  /** Versions still kept, oldest first. */
  versions: OpenBaoSecretVersionMetadata[];
}

/**
 * The key names of one version of a secret, never its values.
 *
 * @public
 */
export interface OpenBaoSecretKeys {
  /** The version the keys are of. */
  version: number;
  /** The top-level key names, sorted. */
  keys: string[];
}

/**
 * Changes to a secret's metadata; `customMetadata` replaces the whole map.
 *
 * @public
 */
export interface WriteSecretMetadataRequest {
  customMetadata: Record<string, string>;
  maxVersions?: number;
}

/**
 * An ACL policy.
 *
 * @public
 */
export interface OpenBaoAclPolicy {
  name: string;
  /** The policy document (HCL). */
  policy: string;
}

/**
 * A Kubernetes auth role: which service accounts may log in and the policies their tokens get.
 *
 * @public
 */
export interface KubernetesAuthRoleRequest {
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces: string[];
  tokenPolicies: string[];
  /** Token TTL: seconds, or a duration such as `1h`. Unset uses OpenBao's default. */
  tokenTtl?: number | string;
}

/**
 * A Kubernetes auth role as read back.
 *
 * @public
 */
export interface OpenBaoKubernetesAuthRole {
  name: string;
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces: string[];
  tokenPolicies: string[];
  /** Token TTL in seconds; 0 means OpenBao's default. */
  tokenTtl: number;
}
