import { NextFunction, Request, Response } from 'express';
import { basicAuthToken } from './auth';
import { serveGitHttp } from './gitHttpBackend';
import { GitLabProject, GitLabState, GitLabUser } from './GitLabState';
import { GitRepositories } from './GitRepositories';
import { jobsOfCiDefinition } from './ciDefinition';
import { PipelineRunner } from './PipelineRunner';

/** A project's git endpoints, with or without `.git` after its path (GitLab serves both). */
const GIT_PATH =
  /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;
const SERVICES = new Set(['git-upload-pack', 'git-receive-pack']);

/** What the git routes work with. */
export interface GitRoutesContext {
  state: GitLabState;
  repositories: GitRepositories;
  pipelines: PipelineRunner;
  token: string;
  tokenOwner: () => GitLabUser;
}

/**
 * Git's smart HTTP protocol at `/<group>/<project>.git/...` (or without `.git`, as GitLab allows), served by `git http-backend`. As GitLab
 * does for a private project, any request without the token as the basic-auth password (any user
 * name, `oauth2` included) is `401` with `WWW-Authenticate: Basic`, so git clients ask for
 * credentials; an unknown project is `404` once authenticated. After a push, HEAD is pointed at the
 * first pushed branch when the default branch does not exist yet (GitLab's first-push rule), and a
 * pipeline starts for each pushed branch whose commit has a `.gitlab-ci.yml`.
 */
export function gitHttpRoutes(context: GitRoutesContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = GIT_PATH.exec(req.path);
    if (!match) {
      next();
      return;
    }
    const [, fullPath, endpoint] = match;
    const service =
      endpoint === 'info/refs'
        ? new URL(req.originalUrl, 'http://gitlab').searchParams.get('service')
        : endpoint;
    const method = endpoint === 'info/refs' ? 'GET' : 'POST';
    if (req.method !== method || !service || !SERVICES.has(service)) {
      res.status(403).type('text/plain').send('Forbidden\n');
      return;
    }
    if (basicAuthToken(req) !== context.token) {
      res
        .status(401)
        .set('www-authenticate', 'Basic realm="GitLab"')
        .type('text/plain')
        .send('HTTP Basic: Access denied.\n');
      return;
    }
    const project = context.state.findProjectByPath(fullPath);
    if (!project) {
      res
        .status(404)
        .type('text/plain')
        .send(
          "The project you were looking for could not be found or you don't have permission to view it.\n",
        );
      return;
    }
    const user = context.tokenOwner();
    const pushing = endpoint === 'git-receive-pack';
    const before = pushing
      ? await context.repositories.branches(fullPath)
      : undefined;
    await serveGitHttp(req, res, {
      projectRoot: context.repositories.root,
      pathInfo: `/${fullPath}.git/${endpoint}`,
      remoteUser: user.username,
      beforeEnd: before
        ? () => afterPush(context, project, fullPath, before, user)
        : undefined,
    });
  };
}

/** GitLab's post-receive work: default branch on first push, pipelines for pushed branches. */
async function afterPush(
  context: GitRoutesContext,
  project: GitLabProject,
  fullPath: string,
  before: Map<string, string>,
  user: GitLabUser,
) {
  const { repositories, pipelines } = context;
  const after = await repositories.branches(fullPath);
  const pushed = [...after].filter(([name, id]) => before.get(name) !== id);
  if (pushed.length === 0) return;
  project.lastActivityAt = new Date();
  if (before.size === 0) {
    if (!after.has(project.defaultBranch)) {
      project.defaultBranch = pushed[0][0];
      await repositories.setHead(fullPath, project.defaultBranch);
    }
    // GitLab's default branch protection: the default branch is protected on the first push.
    if (!project.protectedBranches.includes(project.defaultBranch)) {
      project.protectedBranches.push(project.defaultBranch);
    }
  }
  for (const [branch, sha] of pushed) {
    const ci = await repositories.readFile(fullPath, sha, '.gitlab-ci.yml');
    if (!ci) continue;
    const [commit] = await repositories.log(fullPath, sha);
    pipelines.start({
      projectId: project.id,
      ref: branch,
      sha,
      beforeSha: before.get(branch) ?? '0'.repeat(40),
      userId: user.id,
      committedAt: commit ? new Date(commit.committedDate) : null,
      jobs: jobsOfCiDefinition(ci.content.toString('utf8')),
    });
  }
}
