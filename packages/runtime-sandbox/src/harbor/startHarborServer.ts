import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { artifactJson } from './artifactJson';
import { artifactFilter } from './artifactQuery';
import { acceptedReportMimeType } from './reportMimeType';
import { HarborApiError, answerHarborError } from './harborError';
import { seedArtifacts } from './seedArtifacts';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/**
 * Starts the sandbox's Harbor API (v2.0): `GET /api/v2.0/ping` and
 * `GET /api/v2.0/projects/:project/repositories/:repository/artifacts` (`page`, `page_size` up to
 * 100, `with_tag`, `with_scan_overview` with the report type from `X-Accept-Vulnerabilities`, `q`;
 * newest first; `X-Total-Count` and `Link` headers), where a repository name containing `/` arrives
 * URL-encoded twice. Every artifact call needs the robot account as basic auth; an unknown project
 * is 403, an unknown repository an empty list. Artifacts come from the seed's images.
 */
export async function startHarborServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const projects = seedArtifacts(options.seed);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/api/v2.0/ping', (_req, res) => {
    res.type('text/plain').send('Pong');
  });
  app.use(
    '/api/v2.0',
    requireBasicAuth(
      options.credentials.harborUsername,
      options.credentials.harborPassword,
    ),
  );
  app.get(
    '/api/v2.0/projects/:project/repositories/:repository/artifacts',
    (req, res) => {
      const projectName = req.params.project;
      const repositoryName = decodeURIComponent(req.params.repository);
      const project = projects.get(projectName);
      // Harbor checks the robot's permission on the project first; an unknown project is project 0,
      // on which it has none (handler/base.go RequireProjectAccess): 403, not 404.
      if (!project) throw HarborApiError.forbidden();
      // The list filters by repository name without looking the repository up: none is empty.
      const artifacts =
        project.repositories.get(repositoryName)?.artifacts ?? [];
      const query = new URL(req.originalUrl, 'http://harbor').searchParams;
      const page = readInt(query, 'page', 1, 1);
      const pageSize = readInt(
        query,
        'page_size',
        DEFAULT_PAGE_SIZE,
        1,
        MAX_PAGE_SIZE,
      );
      const matching = artifacts
        .filter(artifactFilter(query.get('q') ?? undefined))
        .sort((a, b) => b.pushTime.getTime() - a.pushTime.getTime());
      res.set('x-total-count', String(matching.length));
      const link = pageLinks(req, page, pageSize, matching.length);
      if (link) res.set('link', link);
      const flags = {
        withTag: query.get('with_tag') !== 'false',
        reportMimeType:
          query.get('with_scan_overview') === 'true'
            ? acceptedReportMimeType(req.get('x-accept-vulnerabilities'))
            : undefined,
      };
      res.json(
        matching
          .slice((page - 1) * pageSize, page * pageSize)
          .map(artifact =>
            artifactJson(
              artifact,
              { project: projectName, repository: repositoryName },
              flags,
            ),
          ),
      );
    },
  );
  app.use('/api/v2.0', () => {
    throw HarborApiError.notFound('not found');
  });
  app.use(answerHarborError);
  return listen(app, options.port, options.host);
}

/** Harbor's basic-auth check; a missing or wrong credential is 401 `UNAUTHORIZED`. */
function requireBasicAuth(username: string, password: string) {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString(
    'base64',
  )}`;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.get('authorization') !== expected)
      throw HarborApiError.unauthorized();
    next();
  };
}

/** An integer query parameter within the swagger bounds (422 outside them). */
function readInt(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max?: number,
): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) {
    throw HarborApiError.validation(
      `${name} in query must be of type int64: "${value}"`,
    );
  }
  const number = Number(value);
  if (number < min) {
    throw HarborApiError.validation(
      `${name} in query should be greater than or equal to ${min}`,
    );
  }
  if (max !== undefined && number > max) {
    throw HarborApiError.validation(
      `${name} in query should be less than or equal to ${max}`,
    );
  }
  return number;
}

/** The `Link` header Harbor sends: the request's path with `prev` and `next` pages. */
function pageLinks(
  req: Request,
  page: number,
  pageSize: number,
  total: number,
): string | undefined {
  const url = new URL(req.originalUrl, 'http://harbor');
  const link = (target: number, rel: string) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('page_size', String(pageSize));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page * pageSize < total) links.push(link(page + 1, 'next'));
  return links.length ? links.join(' , ') : undefined;
}
