/**
 * Options every {@link GitLabClient} call takes.
 *
 * @public
 */
export interface GitLabCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Paging of a GitLab list call.
 *
 * @public
 */
export interface GitLabPageOptions extends GitLabCallOptions {
  /** Items per page (GitLab's maximum is 100). Defaults to 20. */
  perPage?: number;
  /** How many pages to read at most, following `x-next-page`. Defaults to 5. */
  maxPages?: number;
}

/**
 * A project as `GET /projects/:id` describes it.
 *
 * @public
 */
export interface GitLabProject {
  id: number;
  name: string;
  path: string;
  pathWithNamespace: string;
  description?: string;
  /** Undefined for an empty repository on older GitLab versions. */
  defaultBranch?: string;
  webUrl: string;
  httpUrlToRepo: string;
  visibility?: string;
  emptyRepo?: boolean;
  lastActivityAt?: string;
  namespace: {
    id: number;
    name: string;
    path: string;
    kind: string;
    fullPath: string;
  };
}

/**
 * A pipeline's status as GitLab names it.
 *
 * @public
 */
export type GitLabPipelineStatus =
  | 'created'
  | 'waiting_for_resource'
  | 'preparing'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual'
  | 'scheduled';

/**
 * A pipeline as lists show it.
 *
 * @public
 */
export interface GitLabPipelineSummary {
  id: number;
  iid: number;
  projectId: number;
  sha: string;
  ref: string;
  status: GitLabPipelineStatus;
  source?: string;
  createdAt: string;
  updatedAt?: string;
  webUrl: string;
}

/**
 * A pipeline's detail: who ran it, when, and for how long.
 *
 * @public
 */
export interface GitLabPipeline extends GitLabPipelineSummary {
  startedAt?: string;
  finishedAt?: string;
  /** Seconds; undefined while running. */
  duration?: number;
  queuedDuration?: number;
  user?: { username: string; name: string };
}

/**
 * A job's status as GitLab names it (`CommitStatus::AVAILABLE_STATUSES`): a pipeline's statuses, and
 * `waiting_for_callback` and `canceling`.
 *
 * @public
 */
export type GitLabJobStatus =
  | GitLabPipelineStatus
  | 'waiting_for_callback'
  | 'canceling';

/**
 * A job of a pipeline, as the pipeline's job list shows it.
 *
 * @public
 */
export interface GitLabJob {
  id: number;
  name: string;
  stage: string;
  status: GitLabJobStatus;
  /** Whether the pipeline passes even when this job fails. */
  allowFailure: boolean;
  /** Why a failed job failed: `script_failure`, `stuck_or_timeout_failure`, ... */
  failureReason?: string;
  ref: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Seconds (with fractions) it ran, counted to now while it runs. */
  duration?: number;
  /** Seconds it waited for a runner. */
  queuedDuration?: number;
  webUrl: string;
  pipelineId: number;
  user?: { username: string; name: string };
}

/**
 * Which of a pipeline's jobs {@link GitLabClient.listPipelineJobs} lists.
 *
 * @public
 */
export interface GitLabJobListOptions extends GitLabPageOptions {
  /** Only jobs of these statuses (all when not given). */
  scope?: GitLabJobStatus | GitLabJobStatus[];
  /** Also the earlier runs of retried jobs. Defaults to false, as GitLab does. */
  includeRetried?: boolean;
}

/**
 * A commit of a project's repository.
 *
 * @public
 */
export interface GitLabCommit {
  id: string;
  shortId: string;
  title: string;
  message: string;
  authorName: string;
  authorEmail: string;
  authoredDate: string;
  committedDate: string;
  parentIds: string[];
  webUrl: string;
}
