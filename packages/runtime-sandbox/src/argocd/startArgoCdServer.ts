import express from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { getAppEnforceRbac, rbacName } from './appAccess';
import { ApplicationStore } from './ApplicationStore';
import { ArgoCdApiError, answerArgoCdError } from './argoCdError';
import { ArgoCdRbac } from './ArgoCdRbac';
import { loadArgoCdAccessSettings } from './argoCdSettings';
import { seedProjects } from './appProjects';
import { createApplication } from './createApplication';
import { GitRepoReader } from './gitRepoReader';
import { permissionOnlyRoutes } from './permissionOnlyRoutes';
import { seedApplications } from './seedApplications';
import { requireSession, sessionOf, sessionsByToken } from './sessions';

/** How the sandbox's Argo CD is started. */
export interface ArgoCdServerOptions extends ServerOptions {
  /** Base URL of the GitLab the applications' `repoURL`s point at (the sandbox GitLab's URL). */
  gitlabUrl?: string;
  /** Registry host of the applications' images (the sandbox Harbor's host). */
  imageRegistry?: string;
  /**
   * The `deploy/` directory whose `argocd/argocd-cm.yaml` and `argocd/argocd-rbac-cm.yaml` name the
   * portal's account and its RBAC policy (default: the repository's).
   */
  deployDir?: string;
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
 *
 * Every call is checked as Argo CD's RBAC checks it (see `ArgoCdRbac`), with its built-in policy and
 * the one of `deploy/argocd/argocd-rbac-cm.yaml`: with `adminCredentials`, `credentials.argocdToken`
 * is the portal's account of `deploy/argocd/argocd-cm.yaml` under that policy and
 * `adminCredentials.argocdToken` (when it differs) the built-in `admin`; without, the token is
 * `admin`. Lists leave out what the caller may not get; refusals are code 7. The writes the sandbox
 * does not carry out (deleting or updating an application, projects, repositories, clusters,
 * accounts) are checked too, then answered `Not Implemented`.
 */
export async function startArgoCdServer(
  options: ArgoCdServerOptions,
): Promise<RunningServer> {
  const settings = loadArgoCdAccessSettings(options.deployDir);
  const rbac = await ArgoCdRbac.create(settings);
  const sessions = sessionsByToken(
    {
      token: options.credentials.argocdToken,
      adminToken: options.adminCredentials?.argocdToken,
    },
    settings,
  );
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
  api.use(requireSession(sessions));
  api.get('/applications', (req, res) => {
    const { username } = sessionOf(res);
    res.json({
      metadata: { resourceVersion: store.listResourceVersion },
      items: store
        .list({
          name: stringParam(req.query.name),
          selector: stringParam(req.query.selector),
          repo: stringParam(req.query.repo),
          projects: listParam(req.query.projects ?? req.query.project),
        })
        .filter(a => rbac.allows(username, 'applications', 'get', rbacName(a))),
    });
  });
  api.post(
    '/applications',
    express.json({ limit: '1mb' }),
    async (req, res, next) => {
      try {
        res.json(
          await createApplication(
            {
              access: { rbac, session: sessionOf(res) },
              store,
              projects,
              repos,
            },
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
      getAppEnforceRbac(
        { rbac, session: sessionOf(res) },
        store,
        'get',
        req.params.name,
        oneProject(listParam(req.query.project ?? req.query.projects)),
      ),
    );
  });
  api.post('/applications/:name/sync', express.json(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const session = sessionOf(res);
    const project = stringParam(body.project);
    const application = getAppEnforceRbac(
      { rbac, session },
      store,
      'get',
      req.params.name,
      project,
    );
    rbac.require(session, 'applications', 'sync', rbacName(application));
    res.json(
      store.sync(
        req.params.name,
        {
          project,
          revision: stringParam(body.revision),
          prune: body.prune === true,
          dryRun: body.dryRun === true,
        },
        session.username,
      ),
    );
  });
  api.use(permissionOnlyRoutes(rbac, store));
  api.use(() => {
    throw ArgoCdApiError.notImplemented();
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
