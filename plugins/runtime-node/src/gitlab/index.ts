export { GitLabClient } from './GitLabClient';
export type {
  GitLabCallOptions,
  GitLabCommit,
  GitLabJob,
  GitLabJobListOptions,
  GitLabJobStatus,
  GitLabPageOptions,
  GitLabPipeline,
  GitLabPipelineStatus,
  GitLabPipelineSummary,
  GitLabProject,
} from './types';
export {
  gitlabProjectOfFileUrl,
  type GitLabProjectOfFile,
} from './gitlabProjectOfFileUrl';
