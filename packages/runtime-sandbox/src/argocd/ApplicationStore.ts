import { matchesLabels, parseLabelSelector } from '../kubernetes/labelSelector';
import { ArgoCdApiError } from './argoCdError';
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
 * `Synced` at the synced revision with a new history entry.
 */
export class ApplicationStore {
  private readonly applications = new Map<string, ArgoCdApplication>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
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
    const syncOptions = application.spec.syncPolicy?.syncOptions;
    const operation = {
      sync: {
        source,
        revision,
        ...(request.prune ? { prune: true } : {}),
        ...(request.dryRun ? { dryRun: true } : {}),
        ...(syncOptions?.length ? { syncOptions } : {}),
      },
      initiatedBy: { username },
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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finishSync(
        application,
        revision,
        startedAt,
        username,
        !!request.dryRun,
      );
    }, this.syncAfterMs);
    timer.unref?.();
    this.timers.add(timer);
    const { operationState: _running, ...status } = application.status;
    return { ...application, status };
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
    username: string,
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
        initiatedBy: { username },
      });
      // Argo CD keeps the last 10 entries (spec.revisionHistoryLimit's default).
      if (history.length > 10) history.splice(0, history.length - 10);
    }
    application.status.reconciledAt = finishedAt;
    this.touch(application);
  }

  private touch(application: ArgoCdApplication) {
    this.resourceVersion += 1;
    application.metadata.resourceVersion = String(this.resourceVersion);
  }
}
