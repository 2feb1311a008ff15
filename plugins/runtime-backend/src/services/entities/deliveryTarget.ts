import { Entity } from '@backstage/catalog-model';
import { COMMUNITY_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';

/** Where an entity's delivery status comes from, read from its community annotations. */
export interface DeliveryTarget {
  argocd?: { name: string } | { selector: string };
  /** `group/name` or a numeric id. */
  gitlabProject?: string;
  harbor?: { project: string; repository: string };
}

/** Reads an entity's delivery target from `argocd/*`, `gitlab.com/*` and `goharbor.io/*` annotations. */
export function deliveryTarget(entity: Entity): DeliveryTarget {
  const a = entity.metadata.annotations ?? {};
  const appName = a[COMMUNITY_ANNOTATIONS.argocdAppName]?.trim();
  const appSelector = a[COMMUNITY_ANNOTATIONS.argocdAppSelector]?.trim();
  let argocd: DeliveryTarget['argocd'];
  if (appName) argocd = { name: appName };
  else if (appSelector) argocd = { selector: appSelector };
  const gitlabProject =
    a[COMMUNITY_ANNOTATIONS.gitlabProjectSlug]?.trim() ||
    a[COMMUNITY_ANNOTATIONS.gitlabProjectId]?.trim() ||
    undefined;
  const slug = a[COMMUNITY_ANNOTATIONS.harborRepositorySlug]?.trim();
  let harbor: DeliveryTarget['harbor'];
  if (slug) {
    const index = slug.indexOf('/');
    if (index > 0 && index < slug.length - 1) {
      harbor = {
        project: slug.slice(0, index),
        repository: slug.slice(index + 1),
      };
    }
  }
  return { argocd, gitlabProject, harbor };
}
