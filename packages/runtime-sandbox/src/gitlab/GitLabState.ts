import { GitLabApiError } from './apiError';

/** A GitLab user. */
export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  email: string;
  /** The user's personal namespace. */
  namespaceId: number;
}

/** A group or a user's personal namespace. */
export interface GitLabNamespace {
  id: number;
  name: string;
  path: string;
  kind: 'group' | 'user';
  /** The owning user of a personal namespace. */
  userId?: number;
}

/** A project and where its repository lives. */
export interface GitLabProject {
  id: number;
  name: string;
  path: string;
  description: string | null;
  namespaceId: number;
  visibility: 'private' | 'internal' | 'public';
  defaultBranch: string;
  topics: string[];
  createdAt: Date;
  lastActivityAt: Date;
  creatorId: number;
  /** Branches pushes and merges are restricted on. */
  protectedBranches: string[];
}

/** Pipeline statuses as GitLab names them. */
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

/** A CI pipeline of a project. */
export interface GitLabPipeline {
  id: number;
  iid: number;
  projectId: number;
  sha: string;
  beforeSha: string;
  ref: string;
  status: GitLabPipelineStatus;
  source: string;
  userId: number;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  committedAt: Date | null;
  /** Seconds the pipeline's jobs ran, counted when it finishes. */
  duration: number | null;
  queuedDuration: number | null;
}

/**
 * Job statuses as GitLab names them (`CommitStatus::AVAILABLE_STATUSES`, `app/models/concerns/ci/has_status.rb`).
 */
type GitLabJobStatus =
  | GitLabPipelineStatus
  | 'waiting_for_callback'
  | 'canceling';

/** A CI job (`Ci::Build`) of a pipeline. */
export interface GitLabJob {
  id: number;
  pipelineId: number;
  name: string;
  stage: string;
  /** The stage's position in the pipeline's `stages`. */
  stageIndex: number;
  status: GitLabJobStatus;
  allowFailure: boolean;
  /** Why a failed job failed (`script_failure`, ...); null otherwise. */
  failureReason: string | null;
  userId: number;
  createdAt: Date;
  /** When the job was queued for a runner (its stage was reached); null while `created`. */
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Replaced by a newer run of the same job (a retry): hidden unless `include_retried`. */
  retried: boolean;
}

/**
 * The users, namespaces, projects, pipelines and jobs of the sandbox's GitLab, in memory. Ids are global and
 * increasing as in GitLab; group ids are their namespace ids.
 */
export class GitLabState {
  readonly users: GitLabUser[] = [];
  readonly namespaces: GitLabNamespace[] = [];
  readonly projects: GitLabProject[] = [];
  readonly pipelines: GitLabPipeline[] = [];
  readonly jobs: GitLabJob[] = [];
  private nextUserId = 1;
  private nextNamespaceId = 1;
  private nextProjectId = 1;
  private nextPipelineId = 1000;
  private nextJobId = 5000;

  /** Adds a user with their personal namespace. */
  addUser(user: { username: string; name: string; email: string }): GitLabUser {
    const namespace = this.addNamespace({
      name: user.name,
      path: user.username,
      kind: 'user',
    });
    const created = {
      ...user,
      id: this.nextUserId++,
      namespaceId: namespace.id,
    };
    namespace.userId = created.id;
    this.users.push(created);
    return created;
  }

  /** Adds a top-level group. */
  addGroup(path: string, name = path): GitLabNamespace {
    return this.addNamespace({ name, path, kind: 'group' });
  }

  private addNamespace(
    namespace: Omit<GitLabNamespace, 'id'>,
  ): GitLabNamespace {
    const created = { ...namespace, id: this.nextNamespaceId++ };
    this.namespaces.push(created);
    return created;
  }

  /** A user by id or username. */
  findUser(idOrUsername: string | number): GitLabUser | undefined {
    return this.users.find(
      u => String(u.id) === String(idOrUsername) || u.username === idOrUsername,
    );
  }

  /** A namespace by id or full path (404 `Namespace Not Found` otherwise). */
  namespace(idOrPath: string | number): GitLabNamespace {
    const found = this.namespaces.find(
      n => String(n.id) === String(idOrPath) || n.path === idOrPath,
    );
    if (!found) throw GitLabApiError.notFound('Namespace');
    return found;
  }

  /** A group by id or full path (404 `Group Not Found` otherwise). */
  group(idOrPath: string | number): GitLabNamespace {
    const found = this.namespaces.find(
      n =>
        n.kind === 'group' &&
        (String(n.id) === String(idOrPath) || n.path === idOrPath),
    );
    if (!found) throw GitLabApiError.notFound('Group');
    return found;
  }

  /** A project's `group/project` path. */
  fullPath(project: GitLabProject): string {
    return `${this.namespace(project.namespaceId).path}/${project.path}`;
  }

  /** A project by id or full path (404 `Project Not Found` otherwise). */
  project(idOrPath: string | number): GitLabProject {
    const found = this.projects.find(
      p => String(p.id) === String(idOrPath) || this.fullPath(p) === idOrPath,
    );
    if (!found) throw GitLabApiError.notFound('Project');
    return found;
  }

  /** A project by its full path, or undefined. */
  findProjectByPath(fullPath: string): GitLabProject | undefined {
    return this.projects.find(p => this.fullPath(p) === fullPath);
  }

  /**
   * Adds a project; a path or name already taken in the namespace fails as GitLab's validation does
   * (400 with `has already been taken`).
   */
  addProject(
    project: Omit<
      GitLabProject,
      'id' | 'createdAt' | 'lastActivityAt' | 'protectedBranches'
    >,
  ): GitLabProject {
    const siblings = this.projects.filter(
      p => p.namespaceId === project.namespaceId,
    );
    const taken: Record<string, string[]> = {};
    if (siblings.some(p => p.name === project.name)) {
      taken['project_namespace.name'] = ['has already been taken'];
      taken.name = ['has already been taken'];
    }
    if (siblings.some(p => p.path === project.path)) {
      taken.path = ['has already been taken'];
    }
    if (Object.keys(taken).length > 0) {
      throw new GitLabApiError(400, { message: taken });
    }
    const now = new Date();
    const created = {
      ...project,
      id: this.nextProjectId++,
      createdAt: now,
      lastActivityAt: now,
      protectedBranches: [],
    };
    this.projects.push(created);
    return created;
  }

  /** Adds a pipeline with the next global id and the project's next iid. */
  addPipeline(pipeline: Omit<GitLabPipeline, 'id' | 'iid'>): GitLabPipeline {
    const iid =
      this.pipelines.filter(p => p.projectId === pipeline.projectId).length + 1;
    const created = { ...pipeline, id: this.nextPipelineId++, iid };
    this.pipelines.push(created);
    return created;
  }

  /** A project's pipeline (404 `Not found` otherwise). */
  pipeline(projectId: number, pipelineId: string): GitLabPipeline {
    const found = this.pipelines.find(
      p => p.projectId === projectId && String(p.id) === pipelineId,
    );
    if (!found) throw GitLabApiError.notFound();
    return found;
  }

  /** Adds a job with the next global job id (job ids are their own sequence, as `ci_builds` ids are). */
  addJob(job: Omit<GitLabJob, 'id'>): GitLabJob {
    const created = { ...job, id: this.nextJobId++ };
    this.jobs.push(created);
    return created;
  }

  /** A pipeline's jobs, retried ones included, in creation order. */
  pipelineJobs(pipelineId: number): GitLabJob[] {
    return this.jobs.filter(j => j.pipelineId === pipelineId);
  }
}
