import { matchesLabels, parseLabelSelector } from '../kubernetes/labelSelector';
import { ArgoCdApiError } from './argoCdError';
import { SourceManifests } from './gitRepoReader';
import { ArgoCdApplication, revisionFor } from './seedApplications';

/** The filters of `GET /api/v1/applications`. */
export interface ApplicationQuery {
  name?: string;
  selector?: string;
  projects?: string[];
  repo?: string;
}

/** What a sync request asks for. */
export interface SyncRequest {
  /** The project the application must be in (`ApplicationSyncRequest.project`). */
  project?: string;
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
}

/**
 * The sandbox's Argo CD applications with their sync operations: a sync starts an operation
 * (`operationState.phase` Running) that succeeds after `syncAfterMs`, leaving the application
 * `Synced` at the synced revision with a new history entry. An application created through the API
 * is then reconciled as the controller would: compared with its source (`OutOfSync`, its resources
 * `Missing`), synced at once when its policy is automated, and `Progressing` then `Healthy`.
 */
export class ApplicationStore {
  private readonly applications = new Map<string, ArgoCdApplication>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Applications created through the API: their health follows their syncs. */
  private readonly created = new Set<string>();
  private resourceVersion = 1;

  constructor(
    applications: ArgoCdApplication[],
    private readonly syncAfterMs: number,
  ) {
    for (const application of applications) {
      this.applications.set(application.metadata.name, application);
    }
  }

  /** The list's `metadata.resourceVersion`. */
  get listResourceVersion(): string {
    return String(this.resourceVersion);
  }

  /** Applications matching every given filter, by name. */
  list(query: ApplicationQuery): ArgoCdApplication[] {
    let selector;
    try {
      selector = parseLabelSelector(query.selector);
    } catch (error) {
      throw new ArgoCdApiError(
        2,
        `error parsing the selector: ${(error as Error).message}`,
      );
    }
    return [...this.applications.values()]
      .filter(
        app =>
          (!query.name || app.metadata.name === query.name) &&
          (!query.projects?.length ||
            query.projects.includes(app.spec.project)) &&
          (!query.repo || app.spec.source.repoURL === query.repo) &&
          matchesLabels(selector, app.metadata.labels),
      )
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  /** The application of that name, if any (no access check). */
  find(name: string): ArgoCdApplication | undefined {
    return this.applications.get(name);
  }

  /**
   * Stores an application the API server created (or replaced, on an upsert) and reconciles it
   * against `manifests`, its source at the resolved revision, as the controller would: compared
   * (`OutOfSync`, each resource `Missing`), then synced by an automated policy. Answers the
   * application as stored, before the controller's first comparison.
   */
  put(
    application: ArgoCdApplication,
    manifests: SourceManifests,
  ): ArgoCdApplication {
    const stored = structuredClone(application);
    const replaced = this.applications.get(stored.metadata.name);
    if (replaced) {
      stored.metadata.uid = replaced.metadata.uid;
      stored.metadata.creationTimestamp = replaced.metadata.creationTimestamp;
      stored.metadata.generation = replaced.metadata.generation + 1;
      stored.status.history = replaced.status.history;
    }
    this.applications.set(stored.metadata.name, stored);
    this.created.add(stored.metadata.name);
    this.touch(stored);
    const answer = structuredClone(stored);
    this.compare(stored, manifests);
    if (stored.spec.syncPolicy?.automated) {
      this.startOperation(stored, manifests.revision, { automated: true }, {});
    }
    return answer;
  }

  /**
   * One application, as Argo CD's `getAppEnforceRBAC` finds it: without a project, an unknown name is
   * code 7 `permission denied` (existence is not revealed); with one, an unknown name or an
   * application of another project is code 5 `not found`.
   */
  get(name: string, project?: string): ArgoCdApplication {
    const application = this.applications.get(name);
    if (!application) {
      throw project
        ? ArgoCdApiError.applicationNotFound(name)
        : ArgoCdApiError.permissionDenied();
    }
    if (project && application.spec.project !== project) {
      throw ArgoCdApiError.applicationNotFound(name);
    }
    return application;
  }

  /**
   * Starts a sync: refused with code 9 while another operation is set (`operation`); a dry run
   * changes nothing but the operation record. Answers the application as the API server's update left
   * it, with `operation` set and no `operationState` yet (Argo CD's `SetAppOperation`); the
   * operation's state then runs as the controller would.
   */
  sync(
    name: string,
    request: SyncRequest,
    username: string,
  ): ArgoCdApplication {
    const application = this.get(name, request.project);
    if (application.operation) {
      throw new ArgoCdApiError(
        9,
        'error setting app operation: rpc error: code = FailedPrecondition desc = another operation is already in progress',
      );
    }
    const { source } = application.spec;
    const revision =
      request.revision && /^[0-9a-f]{40}$/.test(request.revision)
        ? request.revision
        : application.status.sync.revision ||
          revisionFor(source.repoURL, source.targetRevision);
    this.startOperation(application, revision, { username }, request);
    const { operationState: _running, ...status } = application.status;
    return { ...application, status };
  }

  /** The controller's comparison of an application with its source at `manifests.revision`. */
  private compare(application: ArgoCdApplication, manifests: SourceManifests) {
    const { source, destination } = application.spec;
    application.status.sync = {
      status: 'OutOfSync',
      comparedTo: { source, destination },
      revision: manifests.revision,
    };
    application.status.resources = manifests.resources.map(r => ({
      ...r,
      namespace: r.namespace ?? destination.namespace,
      status: 'OutOfSync',
      health: { status: 'Missing' },
    }));
    application.status.health = { status: 'Missing' };
    application.status.summary = { images: manifests.images };
    application.status.sourceType = 'Directory';
    application.status.reconciledAt = new Date().toISOString();
    this.touch(application);
  }

  /**
   * Sets a sync operation on the application and runs it: `Running` now, finished after
   * `syncAfterMs`. `initiatedBy` is the user, or `{automated: true}` for an automated sync.
   */
  private startOperation(
    application: ArgoCdApplication,
    revision: string,
    initiatedBy: { username: string } | { automated: true },
    request: Pick<SyncRequest, 'prune' | 'dryRun'>,
  ) {
    const { source } = application.spec;
    const syncOptions = application.spec.syncPolicy?.syncOptions;
    const operation = {
      sync: {
        source,
        revision,
        ...(request.prune ? { prune: true } : {}),
        ...(request.dryRun ? { dryRun: true } : {}),
        ...(syncOptions?.length ? { syncOptions } : {}),
      },
      initiatedBy,
      retry: {},
    };
    const startedAt = new Date().toISOString();
    application.operation = operation;
    application.status.operationState = {
      operation,
      phase: 'Running',
      message: 'waiting for completion of hook and sync operation',
      startedAt,
    };
    this.touch(application);
    this.after(() =>
      this.finishSync(
        application,
        revision,
        startedAt,
        initiatedBy,
        !!request.dryRun,
      ),
    );
  }

  /** Runs `fn` after `syncAfterMs`, unless the store is closed first. */
  private after(fn: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.syncAfterMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  /** Stops every running operation's timer. */
  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private finishSync(
    application: ArgoCdApplication,
    revision: string,
    startedAt: string,
    initiatedBy: { username: string } | { automated: true },
    dryRun: boolean,
  ) {
    const finishedAt = new Date().toISOString();
    const { source } = application.spec;
    const state = application.status.operationState!;
    state.phase = 'Succeeded';
    state.message = 'successfully synced (all tasks run)';
    state.finishedAt = finishedAt;
    state.syncResult = { revision, source };
    delete application.operation;
    if (!dryRun) {
      application.status.sync.status = 'Synced';
      application.status.sync.revision = revision;
      for (const resource of application.status.resources) {
        resource.status = 'Synced';
      }
      const history = application.status.history;
      history.push({
        id: history.length === 0 ? 0 : history[history.length - 1].id + 1,
        revision,
        deployedAt: finishedAt,
        deployStartedAt: startedAt,
        source,
        initiatedBy,
      });
      // Argo CD keeps the last 10 entries (spec.revisionHistoryLimit's default).
      if (history.length > 10) history.splice(0, history.length - 10);
      if (this.created.has(application.metadata.name)) {
        this.rollOut(application);
      }
    }
    application.status.reconciledAt = finishedAt;
    this.touch(application);
  }

  /** A created application's resources after a sync: `Progressing`, then `Healthy`. */
  private rollOut(application: ArgoCdApplication) {
    const setHealth = (status: string) => {
      application.status.health = { status };
      for (const resource of application.status.resources) {
        resource.health = { status };
      }
      this.touch(application);
    };
    setHealth('Progressing');
    this.after(() => {
      if (application.operation) return;
      setHealth('Healthy');
      application.status.reconciledAt = new Date().toISOString();
    });
  }

  private touch(application: ArgoCdApplication) {
    this.resourceVersion += 1;
    application.metadata.resourceVersion = String(this.resourceVersion);
  }
}
