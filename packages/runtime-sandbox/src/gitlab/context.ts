import { GitLabJson } from './gitlabJson';
import { GitLabState, GitLabUser } from './GitLabState';
import { GitRepositories } from './GitRepositories';
import { PipelineRunner } from './PipelineRunner';

/** What the sandbox GitLab's routes share: its state, repositories, pipelines and renderer. */
export interface GitLabContext {
  state: GitLabState;
  repositories: GitRepositories;
  pipelines: PipelineRunner;
  json: GitLabJson;
  /** The external URL (`http://host:port`), known once the server listens. */
  baseUrl: () => string;
  /** The personal access token every call must carry. */
  token: string;
  /** The user the token belongs to. */
  tokenOwner: () => GitLabUser;
}
