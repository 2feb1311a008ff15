import { RuntimeSeed } from '../seed';
import { globMatch } from './glob';

/** The in-cluster destination Argo CD always knows (`https://kubernetes.default.svc`, `in-cluster`). */
export const IN_CLUSTER = {
  server: 'https://kubernetes.default.svc',
  name: 'in-cluster',
};

/** The part of an `argoproj.io/v1alpha1` AppProject the sandbox checks applications against. */
export interface AppProject {
  name: string;
  /** Globs of the repository URLs the project's applications may use (`spec.sourceRepos`). */
  sourceRepos: string[];
  /** Where its applications may deploy (`spec.destinations`): a server URL and a namespace glob. */
  destinations: Array<{ server: string; namespace: string }>;
}

/**
 * The `default` AppProject Argo CD's API server creates at start (`initializeDefaultProject`): any
 * source repository, any destination.
 */
const DEFAULT_PROJECT: AppProject = {
  name: 'default',
  sourceRepos: ['*'],
  destinations: [{ server: '*', namespace: '*' }],
};

/**
 * Argo CD's `default` project, and one AppProject per seeded team, named like the team (as the
 * seeded applications' `spec.project`): sources from the team's GitLab group, destination the
 * team's namespace in the cluster.
 */
export function seedProjects(
  seed: RuntimeSeed,
  gitlabUrl: string,
): AppProject[] {
  const base = gitlabUrl.replace(/\/+$/, '');
  return [
    DEFAULT_PROJECT,
    ...seed.teams.map(team => ({
      name: team.name,
      sourceRepos: [`${base}/${team.name}/*`],
      destinations: [{ server: IN_CLUSTER.server, namespace: team.namespace }],
    })),
  ];
}

/** A repository URL as Argo CD compares them (`git.NormalizeGitURL`): lower case, no `.git` suffix. */
function normalizeGitUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Whether the project lets its applications use the repository (`AppProject.IsSourcePermitted`). */
export function isSourcePermitted(project: AppProject, repoURL: string) {
  const repo = normalizeGitUrl(repoURL);
  return project.sourceRepos.some(
    glob => glob === '*' || globMatch(normalizeGitUrl(glob), repo),
  );
}

/** Whether the project lets its applications deploy there (`AppProject.IsDestinationPermitted`). */
export function isDestinationPermitted(
  project: AppProject,
  server: string,
  namespace: string,
) {
  return project.destinations.some(
    d => globMatch(d.server, server) && globMatch(d.namespace, namespace),
  );
}
