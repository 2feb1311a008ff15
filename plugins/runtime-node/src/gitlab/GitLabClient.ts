import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
} from '../http';
import {
  CommitJson,
  JobJson,
  PipelineJson,
  ProjectJson,
  toCommit,
  toJob,
  toPipeline,
  toPipelineSummary,
  toProject,
} from './gitlabJson';
import { parseGitLabError } from './parseGitLabError';
import {
  GitLabCallOptions,
  GitLabCommit,
  GitLabJob,
  GitLabJobListOptions,
  GitLabPageOptions,
  GitLabPipeline,
  GitLabPipelineStatus,
  GitLabPipelineSummary,
  GitLabProject,
} from './types';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
const DEFAULT_MAX_PAGES = 5;

/**
 * A typed client for GitLab's REST API v4 (`access.url` is the API base, e.g. `https://gitlab/api/v4`,
 * as `integrations.gitlab[].apiBaseUrl`), authenticated with a
 * personal, group or project access token in `PRIVATE-TOKEN`: projects by id or `group/name`,
 * pipelines (paged through `x-next-page`), pipeline detail, jobs and retry, and commits. Every failure is a
 * {@link RuntimeUpstreamError} of the `gitlab` upstream.
 *
 * @public
 */
export class GitLabClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('gitlab', options, {
      parseError: parseGitLabError,
      // GitLab's own header for access tokens.
      headers: access => ({
        ...access.headers,
        ...(access.token ? { 'private-token': access.token } : {}),
      }),
    });
  }

  /** A project by numeric id or full path (`group/name`); reason `NotFound` when there is none. */
  async getProject(
    project: number | string,
    options?: GitLabCallOptions,
  ): Promise<GitLabProject> {
    const { body } = await this.http.request<ProjectJson>({
      operation: `get project ${project}`,
      path: projectPath(project),
      signal: options?.signal,
    });
    return toProject(body);
  }

  /** The project's pipelines, newest first, optionally of one ref or status. */
  async listPipelines(
    project: number | string,
    options?: GitLabPageOptions & {
      ref?: string;
      status?: GitLabPipelineStatus;
    },
  ): Promise<GitLabPipelineSummary[]> {
    const pipelines = await this.pages<PipelineJson>(
      `list pipelines of ${project}`,
      `${projectPath(project)}/pipelines`,
      { ref: options?.ref, status: options?.status },
      options,
    );
    return pipelines.map(toPipelineSummary);
  }

  /** One pipeline with its user, times and duration. */
  async getPipeline(
    project: number | string,
    pipelineId: number,
    options?: GitLabCallOptions,
  ): Promise<GitLabPipeline> {
    const { body } = await this.http.request<PipelineJson>({
      operation: `get pipeline ${pipelineId} of ${project}`,
      path: `${projectPath(project)}/pipelines/${pipelineId}`,
      signal: options?.signal,
    });
    return toPipeline(body);
  }

  /** Retries a pipeline's failed and canceled jobs; answers the pipeline as it runs again. Sent once. */
  async retryPipeline(
    project: number | string,
    pipelineId: number,
    options?: GitLabCallOptions,
  ): Promise<GitLabPipeline> {
    const { body } = await this.http.request<PipelineJson>({
      operation: `retry pipeline ${pipelineId} of ${project}`,
      method: 'POST',
      path: `${projectPath(project)}/pipelines/${pipelineId}/retry`,
      signal: options?.signal,
    });
    return toPipeline(body);
  }

  /**
   * A pipeline's jobs, newest first, optionally of some statuses only (`scope`, sent as `scope[]`);
   * the earlier runs of retried jobs only with `includeRetried`. Reason `NotFound` for an unknown
   * pipeline or project.
   */
  async listPipelineJobs(
    project: number | string,
    pipelineId: number,
    options?: GitLabJobListOptions,
  ): Promise<GitLabJob[]> {
    const scopes = options?.scope === undefined ? [] : [options.scope].flat();
    // `scope[]` repeats, which the query map cannot say: it goes in the path's own query.
    const scopeQuery = scopes.length
      ? `?${new URLSearchParams(scopes.map(s => ['scope[]', s]))}`
      : '';
    const jobs = await this.pages<JobJson>(
      `list jobs of pipeline ${pipelineId} of ${project}`,
      `${projectPath(project)}/pipelines/${pipelineId}/jobs${scopeQuery}`,
      {
        include_retried:
          options?.includeRetried === undefined
            ? undefined
            : String(options.includeRetried),
      },
      options,
    );
    return jobs.map(toJob);
  }

  /** Commits of a ref (the default branch when not given), newest first, optionally touching a path. */
  async listCommits(
    project: number | string,
    options?: GitLabPageOptions & { ref?: string; path?: string },
  ): Promise<GitLabCommit[]> {
    const commits = await this.pages<CommitJson>(
      `list commits of ${project}`,
      `${projectPath(project)}/repository/commits`,
      { ref_name: options?.ref, path: options?.path },
      options,
    );
    return commits.map(toCommit);
  }

  /** Reads pages following `x-next-page` until there is none or `maxPages` were read. */
  private async pages<T>(
    operation: string,
    path: string,
    query: Record<string, string | undefined>,
    options: GitLabPageOptions | undefined,
  ): Promise<T[]> {
    const perPage = Math.min(
      Math.max(1, options?.perPage ?? DEFAULT_PER_PAGE),
      MAX_PER_PAGE,
    );
    const maxPages = Math.max(1, options?.maxPages ?? DEFAULT_MAX_PAGES);
    const items: T[] = [];
    let page: number | undefined = 1;
    for (let read = 0; page !== undefined && read < maxPages; read++) {
      const { body, headers }: { body: T[]; headers: Headers } =
        await this.http.request<T[]>({
          operation,
          path,
          query: { ...query, per_page: perPage, page },
          signal: options?.signal,
        });
      items.push(...(Array.isArray(body) ? body : []));
      const next = Number.parseInt(headers.get('x-next-page') ?? '', 10);
      page = Number.isInteger(next) && next > page ? next : undefined;
    }
    return items;
  }
}

/** `/projects/<id>` or `/projects/<group%2Fname>`. */
function projectPath(project: number | string): string {
  return `/projects/${encodeURIComponent(String(project))}`;
}
