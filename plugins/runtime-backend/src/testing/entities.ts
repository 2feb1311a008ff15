import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** A service entity annotated like the seeded ones (Kubernetes, Argo CD, GitLab, Harbor, Grafana). */
export function serviceEntity(
  name: string,
  namespace: string,
  team: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': namespace,
        'argocd/app-name': name,
        'gitlab.com/project-slug': `${team}/${name}`,
        'goharbor.io/repository-slug': `${team}/${name}`,
        'grafana/dashboard-selector': `tags @> '${name}'`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: team },
  };
}

/** A runtime Resource entity as the catalog module makes it. */
export function runtimeResourceEntity(
  name: string,
  type: string,
  upstreamRef: string,
  environment = 'dev',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'runtime-portal.io/environment': environment,
        'runtime-portal.io/upstream-ref': upstreamRef,
      },
    },
    spec: { type, owner: 'group:default/platform-team' },
  };
}

/**
 * A catalog service holding `entities` that hides `hidden` from every caller, as a permission policy
 * would.
 */
export function catalogHiding(entities: Entity[], hidden: Entity) {
  return catalogServiceMock.mock({
    getEntityByRef: async ref =>
      entities.find(
        e =>
          e !== hidden &&
          stringifyEntityRef(e) ===
            (typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
      ),
  });
}
