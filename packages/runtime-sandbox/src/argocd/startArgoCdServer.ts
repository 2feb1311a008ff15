import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { ApplicationStore } from './ApplicationStore';
import { ArgoCdApiError, answerArgoCdError } from './argoCdError';
import { seedProjects } from './appProjects';
import { createApplication } from './createApplication';
import { GitRepoReader } from './gitRepoReader';
import { seedApplications } from './seedApplications';

/** How the sandbox's Argo CD is started. */
export interface ArgoCdServerOptions extends ServerOptions {
  /** Base URL of the GitLab the applications' `repoURL`s point at (the sandbox GitLab's URL). */
  gitlabUrl?: string;
  /** Registry host of the applications' images (the sandbox Harbor's host). */
  imageRegistry?: string;
}

/** How long a sync runs when `readyAfterMs` is not set. */
const DEFAULT_SYNC_MS = 3_000;

/**
 * Starts the sandbox's Argo CD API server: `GET /api/v1/applications` (`name`, `selector`,
 * `projects`, `repo`), `POST /api/v1/applications` (create, `upsert`, `validate`; see
 * `createApplication`), `GET /api/v1/applications/:name` and `POST /api/v1/applications/:name/sync`,
 * with one application per seeded service and one AppProject per seeded team. Sources are read
 * from the GitLab at `gitlabUrl` over git's HTTP protocol with the GitLab token as Argo CD's
 * repository credential. Every call needs `Authorization: Bearer <token>` (or the
 * `argocd.token` cookie); errors are Argo CD's `{error, code, message}`. A sync runs for
 * `readyAfterMs` (default 3 s), then succeeds.
 */
export async function startArgoCdServer(
  options: ArgoCdServerOptions,
): Promise<RunningServer> {
  const gitlabUrl = options.gitlabUrl ?? 'https://gitlab.example.com';
  const projects = seedProjects(options.seed, gitlabUrl);
  const repos = new GitRepoReader({
    username: 'oauth2',
    password: options.credentials.gitlabToken,
  });
  const store = new ApplicationStore(
    seedApplications(options.seed, {
      gitlabUrl,
      imageRegistry: options.imageRegistry ?? 'harbor.example.com',
    }),
    options.readyAfterMs ?? DEFAULT_SYNC_MS,
  );
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'extended');

  const api = express.Router();
  api.use(requireToken(options.credentials.argocdToken));
  api.get('/applications', (req, res) => {
    res.json({
      metadata: { resourceVersion: store.listResourceVersion },
      items: store.list({
        name: stringParam(req.query.name),
        selector: stringParam(req.query.selector),
        repo: stringParam(req.query.repo),
        projects: listParam(req.query.projects ?? req.query.project),
      }),
    });
  });
  api.post(
    '/applications',
    express.json({ limit: '1mb' }),
    async (req, res, next) => {
      try {
        res.json(
          await createApplication(
            { store, projects, repos },
            {
              application: req.body,
              upsert: boolParam('upsert', req.query.upsert) ?? false,
              validate: boolParam('validate', req.query.validate) ?? true,
            },
          ),
        );
      } catch (error) {
        next(error);
      }
    },
  );
  api.get('/applications/:name', (req, res) => {
    res.json(
      store.get(
        req.params.name,
        oneProject(listParam(req.query.project ?? req.query.projects)),
      ),
    );
  });
  api.post('/applications/:name/sync', express.json(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json(
      store.sync(
        req.params.name,
        {
          project: stringParam(body.project),
          revision: stringParam(body.revision),
          prune: body.prune === true,
          dryRun: body.dryRun === true,
        },
        'admin',
      ),
    );
  });
  api.use(() => {
    throw new ArgoCdApiError(12, 'Not Implemented');
  });
  app.use('/api/v1', api);
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });
  app.use(answerArgoCdError);

  const server = await listen(app, options.port, options.host);
  return {
    url: server.url,
    close: async () => {
      store.close();
      await server.close();
    },
  };
}

/** Argo CD's session check: the bearer token or the `argocd.token` cookie. */
function requireToken(token: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const authorization = req.get('authorization') ?? '';
    const bearer = /^bearer /i.test(authorization)
      ? authorization.slice('bearer '.length).trim()
      : undefined;
    const cookie = /(?:^|;\s*)argocd\.token=([^;]+)/.exec(
      req.get('cookie') ?? '',
    )?.[1];
    if ((bearer || cookie) !== token) throw ArgoCdApiError.noSession();
    next();
  };
}

/** A boolean query parameter as grpc-gateway reads it (`true`/`false`), undefined when absent. */
function boolParam(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ArgoCdApiError(
    3,
    `type mismatch, parameter: ${name}, error: strconv.ParseBool: parsing ${JSON.stringify(
      String(value),
    )}: invalid syntax`,
  );
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The project of a get: zero or one (`project` or `projects`), as Argo CD's `Get` accepts. */
function oneProject(projects: string[] | undefined): string | undefined {
  if (projects && projects.length > 1) {
    throw new ArgoCdApiError(
      3,
      'multiple projects specified - the get endpoint accepts either zero or one project',
    );
  }
  return projects?.[0];
}

/** A repeated query parameter (`projects=a&projects=b`), also accepting commas. */
function listParam(value: unknown): string[] | undefined {
  const values = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .flatMap(v => v.split(','))
    .filter(Boolean);
  return values.length ? values : undefined;
}
