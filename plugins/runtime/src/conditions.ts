import { Entity } from '@backstage/catalog-model';
import {
  COMMUNITY_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { isRuntimeComponent } from './components/resources/runtimeEntities';

const DELIVERY_ANNOTATIONS = [
  COMMUNITY_ANNOTATIONS.argocdAppName,
  COMMUNITY_ANNOTATIONS.argocdAppSelector,
  COMMUNITY_ANNOTATIONS.gitlabProjectSlug,
  COMMUNITY_ANNOTATIONS.gitlabProjectId,
  COMMUNITY_ANNOTATIONS.harborRepositorySlug,
];

const hasAnnotation = (entity: Entity, key: string) =>
  Boolean(entity.metadata.annotations?.[key]?.trim());

/**
 * True for entities with runtime observability: workloads with `backstage.io/kubernetes-id`,
 * Resources of type `inference-endpoint`, or runtime components (their alerts, logs and dashboards
 * in the namespace they run in per environment).
 *
 * @public
 */
export function isRuntimeObservabilityAvailable(entity: Entity): boolean {
  if (hasAnnotation(entity, COMMUNITY_ANNOTATIONS.kubernetesId)) return true;
  if (isRuntimeComponent(entity)) return true;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === RUNTIME_RESOURCE_TYPES.inferenceEndpoint
  );
}

/**
 * True for entities with an Argo CD, GitLab or Harbor annotation, so delivery can be shown.
 *
 * @public
 */
export function isRuntimeDeliveryAvailable(entity: Entity): boolean {
  return DELIVERY_ANNOTATIONS.some(key => hasAnnotation(entity, key));
}
