/**
 * Annotation keys of the Backstage community that the suite honours on entities, so an entity set up
 * for the community plugins works here without change.
 *
 * @public
 */
export const COMMUNITY_ANNOTATIONS = {
  /** The workloads' `backstage.io/kubernetes-id` label value; also the service name in metrics. */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** The namespace of the entity's workloads. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** The Argo CD application of the entity. */
  argocdAppName: 'argocd/app-name',
  /** A label selector over Argo CD applications, e.g. `app.kubernetes.io/name=semantic-search`. */
  argocdAppSelector: 'argocd/app-selector',
  /** The GitLab project as `group/name`. */
  gitlabProjectSlug: 'gitlab.com/project-slug',
  /** The GitLab project's numeric id. */
  gitlabProjectId: 'gitlab.com/project-id',
  /** The Harbor repository as `project/repository`. */
  harborRepositorySlug: 'goharbor.io/repository-slug',
  /** Which Grafana dashboards belong to the entity, e.g. `tags @> 'semantic-search'` or a tag. */
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  /** The older Grafana plugin's key: a dashboard tag. */
  grafanaTagSelector: 'grafana/tag-selector',
} as const;

/**
 * The dashboard tags named by a `grafana/dashboard-selector` (`tags @> 'a'`, joined with `&&` or
 * `and`) or by a plain tag; an empty list when the selector is absent or not understood.
 *
 * @public
 */
export function dashboardTagsFromSelector(selector?: string): string[] {
  if (!selector?.trim()) return [];
  const quoted = [...selector.matchAll(/tags\s*@>\s*['"]([^'"]+)['"]/g)].map(
    m => m[1],
  );
  if (quoted.length > 0) return quoted;
  return /^[\w.:/-]+$/.test(selector.trim()) ? [selector.trim()] : [];
}
