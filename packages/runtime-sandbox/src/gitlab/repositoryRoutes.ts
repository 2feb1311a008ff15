import { createHash } from 'node:crypto';
import path from 'node:path';
import { Request, Router } from 'express';
import { GitLabApiError } from './apiError';
import { GitLabContext } from './context';
import { GitLabProject } from './GitLabState';
import { GitFile } from './GitRepositories';
import { paginate } from './pagination';

/**
 * The repository API read from the project's bare repository: files (`raw` and base64 JSON),
 * commits (`ref_name`, `path`, paged) and archives (`sha`, `path`, tar.gz).
 */
export function repositoryRoutes(context: GitLabContext): Router {
  const { state, repositories, json } = context;
  const router = Router();

  const readFile = async (
    project: GitLabProject,
    ref: string,
    filePath: string,
  ): Promise<GitFile> => {
    const file = await repositories.readFile(
      state.fullPath(project),
      ref,
      filePath,
    );
    if (!file) throw GitLabApiError.notFound('File');
    return file;
  };

  router.get(
    '/projects/:id/repository/files/:filePath/raw',
    async (req, res) => {
      const project = state.project(req.params.id);
      const ref = queryString(req, 'ref') ?? project.defaultBranch;
      const file = await readFile(project, ref, req.params.filePath);
      const etag = `"${file.blobId}"`;
      res.set(fileHeaders(req.params.filePath, ref, file));
      res.set('etag', etag);
      if (req.get('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      res.type('text/plain; charset=utf-8').send(file.content);
    },
  );

  router.get('/projects/:id/repository/files/:filePath', async (req, res) => {
    const project = state.project(req.params.id);
    const ref = queryString(req, 'ref');
    if (!ref) throw GitLabApiError.badParameter('ref is missing');
    const filePath = req.params.filePath;
    const file = await readFile(project, ref, filePath);
    res.set(fileHeaders(filePath, ref, file));
    res.json({
      file_name: path.posix.basename(filePath),
      file_path: filePath,
      size: file.content.length,
      encoding: 'base64',
      content_sha256: createHash('sha256').update(file.content).digest('hex'),
      ref,
      blob_id: file.blobId,
      commit_id: file.commitId,
      last_commit_id: file.lastCommitId,
      execute_filemode: file.executable,
      content: file.content.toString('base64'),
    });
  });

  router.get('/projects/:id/repository/commits', async (req, res) => {
    const project = state.project(req.params.id);
    const ref = queryString(req, 'ref_name') ?? project.defaultBranch;
    const commits = await repositories.log(
      state.fullPath(project),
      ref,
      queryString(req, 'path'),
    );
    res.json(
      paginate(req, res, commits, context.baseUrl()).map(c =>
        json.commit(project, c),
      ),
    );
  });

  router.get(
    [
      '/projects/:id/repository/archive',
      '/projects/:id/repository/archive.tar.gz',
    ],
    async (req, res) => {
      const project = state.project(String(req.params.id));
      const fullPath = state.fullPath(project);
      const ref = queryString(req, 'sha') ?? project.defaultBranch;
      const commitId = await repositories.resolve(fullPath, ref);
      if (!commitId) throw GitLabApiError.notFound('Commit');
      const prefix = `${project.path}-${ref.replace(/\//g, '-')}-${commitId}`;
      res.set({
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${prefix}.tar.gz"`,
      });
      repositories
        .archive(fullPath, commitId, prefix, queryString(req, 'path'))
        .pipe(res);
    },
  );

  return router;
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `X-Gitlab-*` headers GitLab sends with a file. */
function fileHeaders(
  filePath: string,
  ref: string,
  file: GitFile,
): Record<string, string> {
  return {
    'x-gitlab-blob-id': file.blobId,
    'x-gitlab-commit-id': file.commitId,
    'x-gitlab-last-commit-id': file.lastCommitId,
    'x-gitlab-file-name': path.posix.basename(filePath),
    'x-gitlab-file-path': filePath,
    'x-gitlab-ref': ref,
    'x-gitlab-size': String(file.content.length),
    'x-gitlab-encoding': 'base64',
    'x-gitlab-execute-filemode': String(file.executable),
  };
}
