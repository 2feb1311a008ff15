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

/** A runtime Resource entity as the catalog module's entity provider makes it. */
export function runtimeResourceEntity(
  name: string,
  type: string,
  upstreamRef: string,
  environment = 'dev',
): Entity {
  const location = `runtime:${environment}/${type}s`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'runtime-portal.io/environment': environment,
        'runtime-portal.io/upstream-ref': upstreamRef,
      },
    },
    spec: { type, owner: 'group:default/platform-team' },
  };
}

/**
 * A Resource carrying the runtime annotations that a team registered itself (from a `catalog-info.yaml`
 * in its repository, so the catalog marks it as managed by that URL), owned by `team`.
 */
export function handMadeResourceEntity(
  name: string,
  type: string,
  upstreamRef: string,
  team: string,
): Entity {
  const resource = runtimeResourceEntity(name, type, upstreamRef);
  const location = `url:https://gitlab.example/${team}/${name}/-/blob/main/catalog-info.yaml`;
  return {
    ...resource,
    metadata: {
      ...resource.metadata,
      annotations: {
        ...resource.metadata.annotations,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
    spec: { ...resource.spec, owner: team },
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
