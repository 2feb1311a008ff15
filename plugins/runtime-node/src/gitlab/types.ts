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
