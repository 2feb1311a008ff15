import { InputError, NotAllowedError } from '@backstage/errors';
import {
  RuntimeAccessConfig,
  RuntimeClientsService,
  groupRef,
  teamTargets,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * Checks that `project` is one of the owner's Argo CD projects (`runtime.access.teams[].argocdProjects`);
 * a `NotAllowedError` naming the owner's projects otherwise.
 */
export function requireTeamArgoCdProject(
  access: RuntimeAccessConfig,
  owner: string,
  project: string,
): void {
  const projects = teamTargets(access, owner, 'argocdProjects');
  if (!projects.includes(project)) {
    throw new NotAllowedError(
      `Not allowed: the Argo CD project ${project} is not one of ${groupRef(
        owner,
      )}'s (${projects.join(', ') || 'none configured'})`,
    );
  }
}

/**
 * Checks that `repoUrl` is a repository of the platform GitLab (the first `integrations.gitlab`
 * entry, or `runtime.gitlab.host`'s) in one of the owner's GitLab groups
 * (`runtime.access.teams[].gitlabGroups`): an `InputError` for a URL that is not a plain HTTP(S)
 * project URL on that GitLab (`<base>/<group>/<project>[.git]`, no credentials, query or fragment),
 * a `NotAllowedError` for another group's project. Makes no upstream call. Returns the project's
 * full path.
 */
export function requireTeamRepository(
  clients: RuntimeClientsService,
  access: RuntimeAccessConfig,
  owner: string,
  repoUrl: string,
): string {
  const gitlab = clients.platformAccess('gitlab')?.uiUrl;
  if (!gitlab) {
    throw new InputError(
      'Refused: no GitLab is configured (integrations.gitlab); an application deploys only from the platform GitLab',
    );
  }
  let url: URL;
  try {
    url = new URL(repoUrl);
  } catch {
    throw new InputError(`Invalid input: repoUrl: '${repoUrl}' is not a URL`);
  }
  const base = new URL(gitlab);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (
    url.origin !== base.origin ||
    !url.pathname.startsWith(`${basePath}/`) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new InputError(
      `Refused: ${repoUrl} is not a repository of the platform GitLab ${base.origin}${basePath} (no credentials, query or fragment)`,
    );
  }
  const projectPath = url.pathname
    .slice(basePath.length + 1)
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  const segments = projectPath.split('/');
  if (segments.length < 2 || segments.some(s => !/^[\w.-]+$/.test(s))) {
    throw new InputError(
      `Refused: ${repoUrl} is not a GitLab project in a group (<group>/<project>)`,
    );
  }
  const groupPath = segments.slice(0, -1).join('/').toLowerCase();
  const groups = teamTargets(access, owner, 'gitlabGroups').map(g =>
    g.toLowerCase(),
  );
  if (!groups.some(g => groupPath === g || groupPath.startsWith(`${g}/`))) {
    throw new NotAllowedError(
      `Not allowed: the GitLab project ${projectPath} is not in a GitLab group of ${groupRef(
        owner,
      )} (${groups.join(', ') || 'none configured'})`,
    );
  }
  return projectPath;
}
