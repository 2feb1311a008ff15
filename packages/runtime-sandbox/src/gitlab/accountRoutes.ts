import { Router } from 'express';
import { currentUser } from './auth';
import { GitLabApiError } from './apiError';
import { GitLabContext } from './context';
import { paginate } from './pagination';
import { projectList } from './projectRoutes';

/**
 * `GET /user`, `GET /users?username=`, `GET /users/:id`, `GET /namespaces/:id`, `GET /groups/:id`
 * and the project lists of a group or a user (`?search=` matches name or path).
 */
export function accountRoutes(context: GitLabContext): Router {
  const { state, json } = context;
  const router = Router();

  router.get('/user', (_req, res) => {
    res.json(json.currentUser(currentUser(res)));
  });
  router.get('/users', (req, res) => {
    const username =
      typeof req.query.username === 'string' ? req.query.username : undefined;
    const users = state.users.filter(
      u => !username || u.username.toLowerCase() === username.toLowerCase(),
    );
    res.json(
      paginate(req, res, users, context.baseUrl()).map(u => json.userBasic(u)),
    );
  });
  router.get('/users/:id', (req, res) => {
    const user = state.findUser(req.params.id);
    if (!user) throw GitLabApiError.notFound('User');
    res.json(json.userBasic(user));
  });
  router.get('/users/:id/projects', async (req, res) => {
    const user = state.findUser(req.params.id);
    if (!user) throw GitLabApiError.notFound('User');
    const projects = state.projects.filter(
      p => p.namespaceId === user.namespaceId,
    );
    res.json(await projectList(context, req, res, projects));
  });
  router.get('/namespaces/:id', (req, res) => {
    res.json(json.namespace(state.namespace(req.params.id)));
  });
  router.get('/groups/:id', (req, res) => {
    res.json(json.group(state.group(req.params.id)));
  });
  router.get('/groups/:id/projects', async (req, res) => {
    const group = state.group(req.params.id);
    const projects = state.projects.filter(p => p.namespaceId === group.id);
    res.json(await projectList(context, req, res, projects));
  });
  return router;
}
