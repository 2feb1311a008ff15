/**
 * Options every {@link TemporalClient} call takes.
 *
 * @public
 */
export interface TemporalCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * A namespace's lifecycle state (Temporal's `NamespaceState` without its prefix).
 *
 * @public
 */
export type TemporalNamespaceState =
  | 'Registered'
  | 'Deprecated'
  | 'Deleted'
  | 'Unspecified';

/**
 * A Temporal namespace, summarised from `DescribeNamespaceResponse`.
 *
 * @public
 */
export interface TemporalNamespace {
  name: string;
  id?: string;
  state: TemporalNamespaceState;
  description?: string;
  ownerEmail?: string;
  /** How long closed workflow executions are kept, in days (may be fractional). */
  retentionDays?: number;
  /** The namespace's free-form data, e.g. `owner` and `service`. */
  data: Record<string, string>;
}

/**
 * What registering a namespace takes.
 *
 * @public
 */
export interface RegisterTemporalNamespaceRequest {
  name: string;
  /** Retention of closed workflow executions in days; Temporal requires at least one hour. */
  retentionDays: number;
  description?: string;
  ownerEmail?: string;
  data?: Record<string, string>;
}

/**
 * What {@link TemporalClient.updateNamespace} changes; what is absent stays as it is.
 *
 * @public
 */
export interface TemporalNamespaceUpdate {
  /** A new description (Temporal ignores an empty one). */
  description?: string;
  /** A new retention of closed workflow executions, in days. */
  retentionDays?: number;
  /**
   * Keys of the namespace's data to set. Temporal merges them into the existing data (every other
   * key stays as it is); a key cannot be removed, only set to `''`.
   */
  data?: Record<string, string>;
}
