import express from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { accountRoutes } from './accountRoutes';
import { GitLabApiError, answerGitLabError } from './apiError';
import { requireToken } from './auth';
import { GitLabContext } from './context';
import { GitLabJson } from './gitlabJson';
import { gitHttpRoutes } from './gitRoutes';
import { GitLabState, GitLabUser } from './GitLabState';
import { GitRepositories } from './GitRepositories';
import { jobRoutes } from './jobRoutes';
import { PipelineRunner } from './PipelineRunner';
import { pipelineRoutes } from './pipelineRoutes';
import { projectRoutes } from './projectRoutes';
import { repositoryRoutes } from './repositoryRoutes';
import { seedGitLab } from './seedGitLab';

/** How long a pipeline started by a push or a retry runs when `readyAfterMs` is not set. */
const DEFAULT_PIPELINE_RUN_MS = 20_000;

/**
 * Starts the sandbox's GitLab: the REST API v4 subset the portal, Backstage's GitLab URL reader and
 * the `publish:gitlab` scaffolder action use (`PRIVATE-TOKEN` or bearer token), and git's smart HTTP
 * protocol served by `git http-backend` over bare repositories in a temporary directory (removed on
 * close). Seeded with a project per service, its commits and pipelines. Pipelines started by a push
 * or a retry succeed after `readyAfterMs` (default 20 s).
 */
export async function startGitLabServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const repositories = await GitRepositories.create();
  const state = new GitLabState();
  const pipelines = new PipelineRunner(
    state,
    options.readyAfterMs ?? DEFAULT_PIPELINE_RUN_MS,
  );
  let baseUrl = '';
  let tokenOwner: GitLabUser | undefined;
  const owner = () => tokenOwner!;
  const context: GitLabContext = {
    state,
    repositories,
    pipelines,
    json: new GitLabJson(state, () => baseUrl),
    baseUrl: () => baseUrl,
    token: options.credentials.gitlabToken,
    tokenOwner: owner,
  };

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');
  app.use(gitHttpRoutes(context));

  const api = express.Router();
  api.use(requireToken(context.token, owner));
  api.use(
    express.json({ limit: '5mb' }),
    express.urlencoded({ extended: true }),
  );
  api.use(accountRoutes(context));
  api.use(projectRoutes(context));
  api.use(repositoryRoutes(context));
  api.use(pipelineRoutes(context));
  api.use(jobRoutes(context));
  api.use(() => {
    throw GitLabApiError.notFound();
  });
  app.use('/api/v4', api);
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not Found\n');
  });
  app.use(answerGitLabError);

  let server: RunningServer;
  try {
    server = await listen(app, options.port, options.host);
    baseUrl = server.url;
    tokenOwner = await seedGitLab(state, repositories, options.seed);
  } catch (error) {
    pipelines.close();
    await repositories.remove();
    throw error;
  }
  return {
    url: server.url,
    close: async () => {
      pipelines.close();
      try {
        await server.close();
      } finally {
        await repositories.remove();
      }
    },
  };
}
