/**
 * Options every {@link ArgoCdClient} call takes.
 *
 * @public
 */
export interface ArgoCdCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Where an application's manifests come from.
 *
 * @public
 */
export interface ArgoCdApplicationSource {
  repoURL: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
}

/**
 * One deployment in an application's history.
 *
 * @public
 */
export interface ArgoCdHistoryEntry {
  id: number;
  revision?: string;
  deployedAt?: string;
  deployStartedAt?: string;
  source?: ArgoCdApplicationSource;
}

/**
 * The current or last operation (a sync) of an application.
 *
 * @public
 */
export interface ArgoCdOperationState {
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** The revision the sync applied. */
  revision?: string;
}

/**
 * A sync operation set on an application and not finished yet.
 *
 * @public
 */
export interface ArgoCdRequestedSync {
  /** The revision to sync to. */
  revision?: string;
  prune: boolean;
  dryRun: boolean;
  /** Who asked (`initiatedBy.username`); undefined for an automated sync. */
  initiatedBy?: string;
  automated: boolean;
}

/**
 * An Argo CD application, summarised from `argoproj.io/v1alpha1` `Application`.
 *
 * @public
 */
export interface ArgoCdApplication {
  name: string;
  namespace?: string;
  project: string;
  labels: Record<string, string>;
  source?: ArgoCdApplicationSource;
  destination: { server?: string; name?: string; namespace?: string };
  /** When and how Argo CD syncs on its own; undefined for manual syncs only. */
  syncPolicy?: ArgoCdSyncPolicy;
  sync: {
    status: 'Synced' | 'OutOfSync' | 'Unknown';
    revision?: string;
  };
  health: {
    status:
      | 'Healthy'
      | 'Progressing'
      | 'Degraded'
      | 'Suspended'
      | 'Missing'
      | 'Unknown';
    message?: string;
  };
  operationState?: ArgoCdOperationState;
  /** A sync requested and not finished yet (`Application.operation`). */
  requestedOperation?: ArgoCdRequestedSync;
  history: ArgoCdHistoryEntry[];
  images: string[];
  reconciledAt?: string;
}

/**
 * What `sync` asks for.
 *
 * @public
 */
export interface ArgoCdSyncRequest extends ArgoCdCallOptions {
  /** The project the application must be in (Argo CD checks it before the name). */
  project?: string;
  /** The revision to sync to; the application's target revision when unset. */
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
}

/**
 * An application's `spec.syncPolicy`: automated sync (with pruning and self-healing) and sync options
 * such as `CreateNamespace=false`.
 *
 * @public
 */
export interface ArgoCdSyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean };
  syncOptions?: string[];
}

/**
 * An application to create (`argoproj.io/v1alpha1` `Application`, the fields the portal sets): one
 * source, a destination cluster (by `server` URL or `name`) and namespace.
 *
 * @public
 */
export interface ArgoCdApplicationManifest {
  name: string;
  labels?: Record<string, string>;
  project: string;
  source: ArgoCdApplicationSource;
  destination: { server?: string; name?: string; namespace: string };
  syncPolicy?: ArgoCdSyncPolicy;
}

/**
 * What `createApplication` is told besides the application.
 *
 * @public
 */
export interface ArgoCdCreateOptions extends ArgoCdCallOptions {
  /**
   * Replace an existing application of that name whose spec differs (Argo CD's `upsert`); without
   * it such a create fails with reason `Invalid`. An identical one is answered as it is either way.
   */
  upsert?: boolean;
}
