import { Request, Response, Router } from 'express';
import { currentUser } from './auth';
import { GitLabApiError } from './apiError';
import { GitLabContext } from './context';
import { GitLabProject } from './GitLabState';
import { paginate } from './pagination';

const VISIBILITIES = ['private', 'internal', 'public'] as const;
const PATH_FORMAT = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/;
const PATH_MESSAGE =
  "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'";

/** Renders a project, with `empty_repo` read from its repository. */
async function projectJson(context: GitLabContext, project: GitLabProject) {
  const branches = await context.repositories.branches(
    context.state.fullPath(project),
  );
  return context.json.project(project, branches.size === 0);
}

/** A page of projects (filtered by `?search=` on name or path), rendered. */
export async function projectList(
  context: GitLabContext,
  req: Request,
  res: Response,
  projects: GitLabProject[],
) {
  const search =
    typeof req.query.search === 'string' ? req.query.search.toLowerCase() : '';
  const matching = projects.filter(
    p =>
      !search ||
      p.name.toLowerCase().includes(search) ||
      p.path.toLowerCase().includes(search),
  );
  const page = paginate(req, res, matching, context.baseUrl());
  return Promise.all(page.map(p => projectJson(context, p)));
}

/**
 * Projects: list, show by id or URL-encoded full path, create (`POST /projects` with `name`/`path`,
 * `namespace_id`, `default_branch`, `visibility`, `description`, `topics`,
 * `initialize_with_readme`), protected branches, and branch creation.
 */
export function projectRoutes(context: GitLabContext): Router {
  const { state, repositories } = context;
  const router = Router();

  router.get('/projects', async (req, res) => {
    res.json(await projectList(context, req, res, state.projects));
  });

  router.get('/projects/:id', async (req, res) => {
    res.json(await projectJson(context, state.project(req.params.id)));
  });

  router.post('/projects', async (req, res) => {
    const body = { ...req.query, ...(req.body ?? {}) } as Record<
      string,
      unknown
    >;
    const user = currentUser(res);
    const nameParam = optionalString(body.name);
    const pathParam = optionalString(body.path);
    if (!nameParam && !pathParam) {
      throw GitLabApiError.badParameter(
        'name, path are missing, at least one parameter must be provided',
      );
    }
    const visibility = optionalString(body.visibility) ?? 'private';
    if (!(VISIBILITIES as readonly string[]).includes(visibility)) {
      throw GitLabApiError.badParameter(
        'visibility does not have a valid value',
      );
    }
    const path = pathParam ?? parameterize(nameParam!);
    const name = nameParam ?? path;
    if (!PATH_FORMAT.test(path) || /\.(git|atom)$/.test(path)) {
      throw new GitLabApiError(400, { message: { path: [PATH_MESSAGE] } });
    }
    const namespace =
      body.namespace_id === undefined || body.namespace_id === null
        ? state.namespace(user.namespaceId)
        : state.namespace(String(body.namespace_id));
    const defaultBranch = optionalString(body.default_branch) ?? 'main';
    if (!(await repositories.isValidBranchName(defaultBranch))) {
      throw GitLabApiError.badParameter('default_branch is invalid');
    }
    const project = state.addProject({
      name,
      path,
      description: optionalString(body.description) ?? null,
      namespaceId: namespace.id,
      visibility: visibility as GitLabProject['visibility'],
      defaultBranch,
      topics: readTopics(body.topics ?? body.tag_list),
      creatorId: user.id,
    });
    const fullPath = state.fullPath(project);
    await repositories.init(fullPath, defaultBranch);
    if (
      body.initialize_with_readme === true ||
      body.initialize_with_readme === 'true'
    ) {
      await repositories.commit(fullPath, {
        branch: defaultBranch,
        files: { 'README.md': `# ${name}\n` },
        message: 'Initial commit',
        author: { name: user.name, email: user.email, date: new Date() },
      });
      project.protectedBranches.push(defaultBranch);
    }
    res.status(201).json(await projectJson(context, project));
  });

  router.get('/projects/:id/protected_branches', (req, res) => {
    const project = state.project(req.params.id);
    res.json(
      paginate(req, res, project.protectedBranches, context.baseUrl()).map(
        (name, index) => protectedBranchJson(index + 1, name),
      ),
    );
  });

  router.post('/projects/:id/protected_branches', (req, res) => {
    const project = state.project(req.params.id);
    const body = { ...req.query, ...(req.body ?? {}) } as Record<
      string,
      unknown
    >;
    const name = optionalString(body.name);
    if (!name) throw GitLabApiError.badParameter('name is missing');
    if (project.protectedBranches.includes(name)) {
      throw new GitLabApiError(409, {
        message: `Protected branch '${name}' already exists`,
      });
    }
    project.protectedBranches.push(name);
    res
      .status(201)
      .json(protectedBranchJson(project.protectedBranches.length, name));
  });

  router.post('/projects/:id/repository/branches', async (req, res) => {
    const project = state.project(req.params.id);
    const fullPath = state.fullPath(project);
    const body = { ...req.query, ...(req.body ?? {}) } as Record<
      string,
      unknown
    >;
    const branch = optionalString(body.branch);
    const ref = optionalString(body.ref);
    if (!branch) throw GitLabApiError.badParameter('branch is missing');
    if (!ref) throw GitLabApiError.badParameter('ref is missing');
    if (!(await repositories.isValidBranchName(branch))) {
      throw new GitLabApiError(400, { message: 'Branch name is invalid' });
    }
    const branches = await repositories.branches(fullPath);
    if (branches.has(branch)) {
      throw new GitLabApiError(400, { message: 'Branch already exists' });
    }
    const commitId = await repositories.resolve(fullPath, ref);
    if (!commitId) {
      throw new GitLabApiError(400, {
        message: `Invalid reference name: ${ref}`,
      });
    }
    await repositories.createBranch(fullPath, branch, commitId);
    const [commit] = await repositories.log(fullPath, commitId);
    res.status(201).json({
      name: branch,
      commit: context.json.commit(project, commit),
      merged: false,
      protected: project.protectedBranches.includes(branch),
      default: branch === project.defaultBranch,
      developers_can_push: false,
      developers_can_merge: false,
      can_push: true,
      web_url: `${context.baseUrl()}/${fullPath}/-/tree/${branch}`,
    });
  });

  return router;
}

function protectedBranchJson(id: number, name: string) {
  const maintainers = [
    { id, access_level: 40, access_level_description: 'Maintainers' },
  ];
  return {
    id,
    name,
    push_access_levels: maintainers,
    merge_access_levels: maintainers,
    allow_force_push: false,
    code_owner_approval_required: false,
  };
}

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `topics` as an array or a comma-separated string. */
function readTopics(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value) {
    return value
      .split(',')
      .map(t => t.trim())
      .filter(Boolean);
  }
  return [];
}

/** A path from a name as GitLab derives it (`My Project` → `my-project`). */
function parameterize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
