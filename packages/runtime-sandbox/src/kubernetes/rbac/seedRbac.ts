import {
  ManifestObject,
  loadShippedRbac,
  loadTeamNamespaceRbac,
} from '../../deploy';
import { RuntimeSeed } from '../../seed';
import { ApiServer } from '../ApiServer';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';
import { bootstrapRbacObjects } from './bootstrapPolicy';

/** The field manager the RBAC objects are written with, as `kubectl apply` writes them. */
const MANAGER = 'kubectl';

function namespaceExists(api: ApiServer, namespace: string): boolean {
  return (
    api.store.get(resourceOfKind('Namespace'), undefined, namespace) !==
    undefined
  );
}

/**
 * Writes the cluster's RBAC objects as an installation of the portal leaves them: the bootstrap
 * policy (`cluster-admin`, `system:discovery`), the shipped `deploy/rbac/` objects, and
 * `deploy/team-namespace/rolebinding.yaml` in every team namespace of the seed, as a platform team
 * applies it. A namespaced object whose namespace the seed lacks is left out (as `kubectl apply`
 * refuses it), e.g. KubeAI's Service reader without KubeAI.
 */
export function seedRbac(api: ApiServer, seed: RuntimeSeed): void {
  const objects: KubernetesObject[] = [
    ...bootstrapRbacObjects(),
    ...loadShippedRbac(),
    ...seed.teams.flatMap(team =>
      loadTeamNamespaceRbac().map(
        (object): ManifestObject => ({
          ...object,
          metadata: { ...object.metadata, namespace: team.namespace },
        }),
      ),
    ),
  ];
  for (const object of objects) {
    const resource = resourceOfKind(object.kind ?? '');
    const namespace = object.metadata?.namespace;
    if (resource.namespaced && !namespaceExists(api, namespace ?? '')) continue;
    if (api.store.get(resource, namespace, object.metadata?.name ?? ''))
      continue;
    api.create(resource, resource.namespaced ? namespace : undefined, object, {
      manager: MANAGER,
    });
  }
}
