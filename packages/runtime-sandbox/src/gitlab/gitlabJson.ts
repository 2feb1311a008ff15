import { GitCommit } from './GitRepositories';
import {
  GitLabNamespace,
  GitLabPipeline,
  GitLabProject,
  GitLabState,
  GitLabUser,
} from './GitLabState';

/** Renders the state as GitLab's API entities (`lib/api/entities`), with URLs under `baseUrl`. */
export class GitLabJson {
  constructor(
    private readonly state: GitLabState,
    private readonly baseUrl: () => string,
  ) {}

  /** `UserBasic`. */
  userBasic(user: GitLabUser) {
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      state: 'active',
      locked: false,
      avatar_url: null,
      web_url: `${this.baseUrl()}/${user.username}`,
    };
  }

  /** `UserPublic`, as `GET /user` answers for the token's owner. */
  currentUser(user: GitLabUser) {
    return {
      ...this.userBasic(user),
      email: user.email,
      public_email: null,
      bot: false,
      created_at: '2024-01-08T09:00:00.000Z',
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

  /** `PipelineBasic`, as lists show pipelines. */
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
      name: null,
    };
  }

  /** `Pipeline`, the detail with its user, times and duration. */
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
}
