import { KubernetesObject } from '../objects';
import { FieldValidation } from '../validation/unknownFields';

/** Options of every write. */
export interface WriteOptions {
  /** The field manager (from `fieldManager`, or derived from the User-Agent). */
  manager: string;
  /** `dryRun=All`: run every step but do not persist. */
  dryRun?: boolean;
  /** What to do with fields a CRD schema does not declare (default `Warn`). */
  fieldValidation?: FieldValidation;
  /** Collects the request's warnings (sent as `Warning` headers). */
  warnings?: string[];
}

/**
 * The body format of a PATCH the sandbox accepts: JSON merge patch, strategic merge patch
 * (built-in kinds) or server-side apply. JSON patch (RFC 6902) is not served: no client of the
 * portal sends it.
 */
export type PatchType = 'merge' | 'strategic' | 'apply';

/** The only subresource the sandbox serves writes to: `/status`. */
export type WritableSubresource = 'status';

/** Options of a list. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

/** A `*List` response. */
export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: {
    resourceVersion: string;
    continue?: string;
    remainingItemCount?: number;
  };
  items: KubernetesObject[];
}
