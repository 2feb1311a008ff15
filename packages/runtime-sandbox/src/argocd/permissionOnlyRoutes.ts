import express, { Request, Response, Router } from 'express';
import { AccessContext, getAppEnforceRbac, rbacName } from './appAccess';
import { ApplicationStore } from './ApplicationStore';
import { ArgoCdApiError } from './argoCdError';
import { sessionOf } from './sessions';
import { ArgoCdRbac } from './ArgoCdRbac';

type Check = (
  access: AccessContext,
  req: Request,
  store: ApplicationStore,
) => void;

const object = (value: unknown): Record<string, any> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : undefined;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** `<project>/<id>` for a project-scoped repository or cluster, else `<id>` (`createRBACObject`). */
const scoped = (project: unknown, id: unknown) =>
  text(project) ? `${text(project)}/${text(id)}` : text(id);

/**
 * Write endpoints of Argo CD's API the sandbox does not carry out, with the permission checks their
 * handlers make first (argoproj/argo-cd v3.5.1 server/application, project, repository, cluster
 * and account): a refusal is answered exactly as Argo CD's, and what would be allowed is answered
 * `Not Implemented` (code 12) like every other unimplemented call.
 */
const CHECKS: Array<
  [method: 'delete' | 'put' | 'post', path: string, check: Check]
> = [
  // ApplicationService.Delete: get access (see getAppEnforceRbac), then delete on the application.
  [
    'delete',
    '/applications/:name',
    ({ rbac, session }, req, store) => {
      const project = text(req.query.project) || undefined;
      const app = getAppEnforceRbac(
        { rbac, session },
        store,
        'get',
        req.params.name as string,
        project,
      );
      rbac.require(session, 'applications', 'delete', rbacName(app));
    },
  ],
  // ApplicationService.Update (body: the application): update on the application it describes.
  [
    'put',
    '/applications/:name',
    ({ rbac, session }, req) => {
      const app = object(req.body);
      if (!app) {
        throw new ArgoCdApiError(
          2,
          'error updating application: application is nil in request',
        );
      }
      rbac.require(
        session,
        'applications',
        'update',
        rbacName({
          ...app,
          metadata: { ...object(app.metadata), name: req.params.name },
        }),
      );
    },
  ],
  // ProjectService.Create (body: {project, upsert}).
  [
    'post',
    '/projects',
    ({ rbac, session }, req) => {
      const project = object(object(req.body)?.project);
      if (!project) {
        throw new ArgoCdApiError(3, "missing payload 'project' in request");
      }
      rbac.require(session, 'projects', 'create', text(project.metadata?.name));
    },
  ],
  // ProjectService.Update (PUT /api/v1/projects/{project.metadata.name}).
  [
    'put',
    '/projects/:name',
    ({ rbac, session }, req) =>
      rbac.require(session, 'projects', 'update', req.params.name as string),
  ],
  // ProjectService.Delete: `default` is reserved before any permission check.
  [
    'delete',
    '/projects/:name',
    ({ rbac, session }, req) => {
      if (req.params.name === 'default') {
        throw new ArgoCdApiError(
          3,
          "name 'default' is reserved and cannot be deleted",
        );
      }
      rbac.require(session, 'projects', 'delete', req.params.name as string);
    },
  ],
  // RepositoryService.CreateRepository (body: the repository).
  [
    'post',
    '/repositories',
    ({ rbac, session }, req) => {
      const repo = object(req.body);
      if (!repo) throw new ArgoCdApiError(3, 'missing payload in request');
      rbac.require(
        session,
        'repositories',
        'create',
        scoped(repo.project, repo.repo),
      );
    },
  ],
  // ClusterService.Create (body: the cluster); the refusal is wrapped.
  [
    'post',
    '/clusters',
    ({ rbac, session }, req) => {
      const cluster = object(req.body) ?? {};
      rbac.require(
        session,
        'clusters',
        'create',
        scoped(cluster.project, cluster.server),
        message => `permission denied while creating cluster: ${message}`,
      );
    },
  ],
  // AccountService.CreateToken: an account may always make its own tokens; another's needs update.
  [
    'post',
    '/account/:name/token',
    ({ rbac, session }, req) => {
      const name = req.params.name as string;
      if (name === session.username) return;
      rbac.require(
        session,
        'accounts',
        'update',
        name,
        message =>
          `permission denied to create token for account ${name}: permission denied for account ${name} with action update: ${message}`,
      );
    },
  ],
  // AccountService.UpdatePassword (body: {name, currentPassword, newPassword}): another account's
  // password needs update on it.
  [
    'put',
    '/account/password',
    ({ rbac, session }, req) => {
      const name = text(object(req.body)?.name);
      if (name === '' || name === session.username) return;
      rbac.require(
        session,
        'accounts',
        'update',
        name,
        message => `permission denied: ${message}`,
      );
    },
  ],
];

/**
 * The routes of {@link CHECKS}: each checks the caller's permission as Argo CD does, then answers
 * `Not Implemented`.
 */
export function permissionOnlyRoutes(
  rbac: ArgoCdRbac,
  store: ApplicationStore,
): Router {
  const router = express.Router();
  for (const [method, path, check] of CHECKS) {
    router[method](
      path,
      express.json({ limit: '1mb' }),
      (req: Request, res: Response) => {
        check({ rbac, session: sessionOf(res) }, req, store);
        throw ArgoCdApiError.notImplemented();
      },
    );
  }
  return router;
}
