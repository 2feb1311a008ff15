import {
  GitLabCommit,
  GitLabJob,
  GitLabPipeline,
  GitLabPipelineSummary,
  GitLabProject,
} from './types';

/** A project in GitLab's JSON. */
export type ProjectJson = {
  id: number;
  name: string;
  path: string;
  path_with_namespace: string;
  description?: string | null;
  default_branch?: string | null;
  web_url: string;
  http_url_to_repo: string;
  visibility?: string;
  empty_repo?: boolean;
  last_activity_at?: string;
  namespace: {
    id: number;
    name: string;
    path: string;
    kind: string;
    full_path: string;
  };
};

/** A pipeline in GitLab's JSON. */
export type PipelineJson = {
  id: number;
  iid: number;
  project_id: number;
  sha: string;
  ref: string;
  status: GitLabPipelineSummary['status'];
  source?: string;
  created_at: string;
  updated_at?: string;
  web_url: string;
  started_at?: string | null;
  finished_at?: string | null;
  duration?: number | null;
  queued_duration?: number | null;
  user?: { username: string; name: string } | null;
};

/** A job in GitLab's JSON (`Ci::Job`, the fields the client reads). */
export type JobJson = {
  id: number;
  name: string;
  stage: string;
  status: GitLabJob['status'];
  allow_failure?: boolean;
  failure_reason?: string | null;
  ref: string;
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  duration?: number | null;
  queued_duration?: number | null;
  web_url: string;
  pipeline: { id: number };
  user?: { username: string; name: string } | null;
};

/** A commit in GitLab's JSON. */
export type CommitJson = {
  id: string;
  short_id: string;
  title: string;
  message: string;
  author_name: string;
  author_email: string;
  authored_date: string;
  committed_date: string;
  parent_ids?: string[];
  web_url: string;
};

/** The typed project. */
export function toProject(json: ProjectJson): GitLabProject {
  return {
    id: json.id,
    name: json.name,
    path: json.path,
    pathWithNamespace: json.path_with_namespace,
    description: json.description ?? undefined,
    defaultBranch: json.default_branch ?? undefined,
    webUrl: json.web_url,
    httpUrlToRepo: json.http_url_to_repo,
    visibility: json.visibility,
    emptyRepo: json.empty_repo,
    lastActivityAt: json.last_activity_at,
    namespace: {
      id: json.namespace.id,
      name: json.namespace.name,
      path: json.namespace.path,
      kind: json.namespace.kind,
      fullPath: json.namespace.full_path,
    },
  };
}

/** The typed pipeline summary. */
export function toPipelineSummary(json: PipelineJson): GitLabPipelineSummary {
  return {
    id: json.id,
    iid: json.iid,
    projectId: json.project_id,
    sha: json.sha,
    ref: json.ref,
    status: json.status,
    source: json.source,
    createdAt: json.created_at,
    updatedAt: json.updated_at,
    webUrl: json.web_url,
  };
}

/** The typed pipeline detail. */
export function toPipeline(json: PipelineJson): GitLabPipeline {
  return {
    ...toPipelineSummary(json),
    startedAt: json.started_at ?? undefined,
    finishedAt: json.finished_at ?? undefined,
    duration: json.duration ?? undefined,
    queuedDuration: json.queued_duration ?? undefined,
    user: json.user
      ? { username: json.user.username, name: json.user.name }
      : undefined,
  };
}

/** The typed commit. */
export function toCommit(json: CommitJson): GitLabCommit {
  return {
    id: json.id,
    shortId: json.short_id,
    title: json.title,
    message: json.message,
    authorName: json.author_name,
    authorEmail: json.author_email,
    authoredDate: json.authored_date,
    committedDate: json.committed_date,
    parentIds: json.parent_ids ?? [],
    webUrl: json.web_url,
  };
}

/** The typed job; `failureReason` only for a failed job, as GitLab sends it. */
export function toJob(json: JobJson): GitLabJob {
  return {
    id: json.id,
    name: json.name,
    stage: json.stage,
    status: json.status,
    allowFailure: json.allow_failure ?? false,
    failureReason: json.failure_reason ?? undefined,
    ref: json.ref,
    createdAt: json.created_at,
    startedAt: json.started_at ?? undefined,
    finishedAt: json.finished_at ?? undefined,
    duration: json.duration ?? undefined,
    queuedDuration: json.queued_duration ?? undefined,
    webUrl: json.web_url,
    pipelineId: json.pipeline.id,
    user: json.user
      ? { username: json.user.username, name: json.user.name }
      : undefined,
  };
}
