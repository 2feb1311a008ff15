import { createHash } from 'node:crypto';
import { GitCommit } from './GitRepositories';
import {
  GitLabJob,
  GitLabNamespace,
  GitLabPipeline,
  GitLabProject,
  GitLabState,
  GitLabUser,
} from './GitLabState';

/** The instance runner every sandbox job runs on (`Ci::Runner` entity). */
const SANDBOX_RUNNER = {
  id: 1,
  description: 'sandbox shared runner',
  ip_address: null,
  active: true,
  paused: false,
  is_shared: true,
  runner_type: 'instance_type',
  name: 'gitlab-runner',
  online: true,
  status: 'online',
};

/** The machine of {@link SANDBOX_RUNNER} (`Ci::RunnerManager` entity), last seen `now`. */
function sandboxRunnerManager(now: Date) {
  return {
    id: 1,
    system_id: 's_5a4db0c5e1f2',
    version: '18.6.0',
    revision: '8a1c2c2e',
    platform: 'linux',
    architecture: 'amd64',
    created_at: '2024-01-08T09:05:00.000Z',
    contacted_at: now.toISOString(),
    ip_address: '127.0.0.1',
    status: 'online',
  };
}

/** When the sandbox's users signed up. */
const USERS_CREATED_AT = '2024-01-08T09:00:00.000Z';

/** Renders the state as GitLab's API entities (`lib/api/entities`), with URLs under `baseUrl`. */
export class GitLabJson {
  constructor(
    private readonly state: GitLabState,
    private readonly baseUrl: () => string,
  ) {}

  /**
   * `UserBasic`; `avatar_url` is the Gravatar URL GitLab gives a user without an uploaded avatar
   * (Gravatar enabled, the default), as `doc/api/pipelines.md` shows it.
   */
  userBasic(user: GitLabUser) {
    const emailHash = createHash('md5')
      .update(user.email.trim().toLowerCase())
      .digest('hex');
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      state: 'active',
      locked: false,
      avatar_url: `https://www.gravatar.com/avatar/${emailHash}?s=80&d=identicon`,
      web_url: `${this.baseUrl()}/${user.username}`,
    };
  }

  /**
   * `User` (`lib/api/entities/user.rb`): `UserBasic` and the public profile, as jobs show their user.
   * Sandbox users have an empty profile, follow nobody and have no time zone.
   */
  user(user: GitLabUser) {
    return {
      ...this.userBasic(user),
      created_at: USERS_CREATED_AT,
      bio: '',
      location: '',
      public_email: null,
      skype: '',
      linkedin: '',
      twitter: '',
      discord: '',
      website_url: '',
      organization: '',
      job_title: '',
      pronouns: null,
      bot: false,
      work_information: null,
      followers: 0,
      following: 0,
      is_followed: false,
      local_time: null,
    };
  }

  /** `UserPublic`, as `GET /user` answers for the token's owner. */
  currentUser(user: GitLabUser) {
    return {
      ...this.userBasic(user),
      email: user.email,
      public_email: null,
      bot: false,
      created_at: USERS_CREATED_AT,
      is_admin: false,
      can_create_group: true,
      can_create_project: true,
      two_factor_enabled: false,
      external: false,
      private_profile: false,
      namespace_id: user.namespaceId,
    };
  }

  /** `Namespace`. */
  namespace(namespace: GitLabNamespace) {
    return {
      id: namespace.id,
      name: namespace.name,
      path: namespace.path,
      kind: namespace.kind,
      full_path: namespace.path,
      parent_id: null,
      avatar_url: null,
      web_url:
        namespace.kind === 'group'
          ? `${this.baseUrl()}/groups/${namespace.path}`
          : `${this.baseUrl()}/${namespace.path}`,
      members_count_with_descendants:
        namespace.kind === 'group' ? 1 : undefined,
    };
  }

  /** `Group`. */
  group(group: GitLabNamespace) {
    return {
      id: group.id,
      web_url: `${this.baseUrl()}/groups/${group.path}`,
      name: group.name,
      path: group.path,
      description: '',
      visibility: 'private',
      full_name: group.name,
      full_path: group.path,
      parent_id: null,
      avatar_url: null,
      created_at: '2024-01-08T09:00:00.000Z',
    };
  }

  /** `Project` (the full entity, as a member sees it). */
  project(project: GitLabProject, emptyRepo: boolean) {
    const namespace = this.state.namespace(project.namespaceId);
    const fullPath = `${namespace.path}/${project.path}`;
    const webUrl = `${this.baseUrl()}/${fullPath}`;
    const host = new URL(this.baseUrl()).hostname;
    return {
      id: project.id,
      description: project.description,
      name: project.name,
      name_with_namespace: `${namespace.name} / ${project.name}`,
      path: project.path,
      path_with_namespace: fullPath,
      created_at: project.createdAt.toISOString(),
      default_branch: project.defaultBranch,
      tag_list: project.topics,
      topics: project.topics,
      ssh_url_to_repo: `git@${host}:${fullPath}.git`,
      http_url_to_repo: `${webUrl}.git`,
      web_url: webUrl,
      readme_url: emptyRepo
        ? null
        : `${webUrl}/-/blob/${project.defaultBranch}/README.md`,
      avatar_url: null,
      forks_count: 0,
      star_count: 0,
      last_activity_at: project.lastActivityAt.toISOString(),
      namespace: {
        id: namespace.id,
        name: namespace.name,
        path: namespace.path,
        kind: namespace.kind,
        full_path: namespace.path,
        parent_id: null,
        avatar_url: null,
        web_url: this.namespace(namespace).web_url,
      },
      _links: {
        self: `${this.baseUrl()}/api/v4/projects/${project.id}`,
        repo_branches: `${this.baseUrl()}/api/v4/projects/${
          project.id
        }/repository/branches`,
      },
      empty_repo: emptyRepo,
      archived: false,
      visibility: project.visibility,
      creator_id: project.creatorId,
      import_status: 'none',
      open_issues_count: 0,
      ci_config_path: null,
    };
  }

  /** `Commit`. */
  commit(project: GitLabProject, commit: GitCommit) {
    const title = commit.message.split('\n')[0];
    return {
      id: commit.id,
      short_id: commit.shortId,
      created_at: commit.committedDate,
      parent_ids: commit.parentIds,
      title,
      message: commit.message,
      author_name: commit.authorName,
      author_email: commit.authorEmail,
      authored_date: commit.authoredDate,
      committer_name: commit.committerName,
      committer_email: commit.committerEmail,
      committed_date: commit.committedDate,
      trailers: {},
      extended_trailers: {},
      web_url: `${this.baseUrl()}/${this.state.fullPath(project)}/-/commit/${
        commit.id
      }`,
    };
  }

  /** `PipelineBasicWithMetadata`, as the project's pipeline list shows pipelines: `PipelineBasic` and `name`. */
  pipelineBasicWithMetadata(pipeline: GitLabPipeline) {
    return { ...this.pipelineBasic(pipeline), name: null };
  }

  /** `PipelineWithMetadata`, as the detail and the latest pipeline answer: `Pipeline` and `name`. */
  pipelineWithMetadata(pipeline: GitLabPipeline) {
    return { ...this.pipeline(pipeline), name: null };
  }

  /** `PipelineBasic` (`lib/api/entities/ci/pipeline_basic.rb`). */
  pipelineBasic(pipeline: GitLabPipeline) {
    const project = this.state.project(pipeline.projectId);
    return {
      id: pipeline.id,
      iid: pipeline.iid,
      project_id: pipeline.projectId,
      sha: pipeline.sha,
      ref: pipeline.ref,
      status: pipeline.status,
      source: pipeline.source,
      created_at: pipeline.createdAt.toISOString(),
      updated_at: pipeline.updatedAt.toISOString(),
      web_url: `${this.baseUrl()}/${this.state.fullPath(project)}/-/pipelines/${
        pipeline.id
      }`,
    };
  }

  /** `Pipeline`, the detail with its user, times and duration, as a retry answers (no `name`). */
  pipeline(pipeline: GitLabPipeline) {
    const user = this.state.findUser(pipeline.userId);
    return {
      ...this.pipelineBasic(pipeline),
      before_sha: pipeline.beforeSha,
      tag: false,
      yaml_errors: null,
      user: user ? this.userBasic(user) : null,
      started_at: pipeline.startedAt?.toISOString() ?? null,
      finished_at: pipeline.finishedAt?.toISOString() ?? null,
      committed_at: pipeline.committedAt?.toISOString() ?? null,
      duration: pipeline.duration,
      queued_duration: pipeline.queuedDuration,
      coverage: null,
      detailed_status: {
        icon: `status_${pipeline.status}`,
        text: pipeline.status,
        label: pipeline.status === 'success' ? 'passed' : pipeline.status,
        group: pipeline.status,
        tooltip: pipeline.status === 'success' ? 'passed' : pipeline.status,
        has_details: true,
        details_path: `/${this.state.fullPath(
          this.state.project(pipeline.projectId),
        )}/-/pipelines/${pipeline.id}`,
        illustration: null,
        favicon: `/assets/ci_favicons/favicon_status_${pipeline.status}.png`,
      },
      archived: false,
    };
  }

  /**
   * `Ci::Job` (`lib/api/entities/ci/job.rb` on `job_basic.rb`), as the pipeline's job list shows a job:
   * `failure_reason` only for a failed job, `duration` counted to `now` while it runs, the shared
   * runner once a runner picked it up, and its log (the `trace` artifact) once it finished. Sandbox
   * jobs keep no archive, so there is no `artifacts_file`.
   */
  job(
    job: GitLabJob,
    pipeline: GitLabPipeline,
    commit: GitCommit | undefined,
    now: Date,
  ) {
    const project = this.state.project(pipeline.projectId);
    const user = this.state.findUser(job.userId);
    const seconds = (from: Date | null, to: Date | null) =>
      from ? ((to ?? now).getTime() - from.getTime()) / 1000 : null;
    return {
      id: job.id,
      status: job.status,
      stage: job.stage,
      name: job.name,
      ref: pipeline.ref,
      tag: false,
      coverage: null,
      allow_failure: job.allowFailure,
      created_at: job.createdAt.toISOString(),
      started_at: job.startedAt?.toISOString() ?? null,
      finished_at: job.finishedAt?.toISOString() ?? null,
      erased_at: null,
      duration: seconds(job.startedAt, job.finishedAt),
      queued_duration: seconds(job.queuedAt, job.startedAt),
      user: user ? this.user(user) : null,
      commit: commit ? this.commit(project, commit) : null,
      pipeline: this.pipelineBasic(pipeline),
      ...(job.status === 'failed' ? { failure_reason: job.failureReason } : {}),
      web_url: `${this.baseUrl()}/${this.state.fullPath(project)}/-/jobs/${
        job.id
      }`,
      project: { ci_job_token_scope_enabled: false },
      artifacts: job.finishedAt
        ? [
            {
              file_type: 'trace',
              size: 1024 + ((job.id * 7919) % 8192),
              filename: 'job.log',
              file_format: 'raw',
            },
          ]
        : [],
      runner: job.startedAt ? SANDBOX_RUNNER : null,
      runner_manager: job.startedAt ? sandboxRunnerManager(now) : null,
      artifacts_expire_at: null,
      archived: false,
      tag_list: [],
    };
  }
}
