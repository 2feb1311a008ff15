import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** The `spec.type` of the catalog Components that stand for runtime components (KubeAI, MinIO, ...). */
export const RUNTIME_COMPONENT_TYPE = 'runtime-component';

const RESOURCE_TYPES: readonly string[] = Object.values(RUNTIME_RESOURCE_TYPES);

const isKind = (entity: Entity, kind: string) =>
  entity.kind.toLocaleLowerCase('en-US') === kind;

/**
 * True for a live Runtime resource: a Resource whose `spec.type` is one of `RUNTIME_RESOURCE_TYPES`.
 *
 * @public
 */
export function isRuntimeResource(entity: Entity): boolean {
  return (
    isKind(entity, 'resource') &&
    typeof entity.spec?.type === 'string' &&
    RESOURCE_TYPES.includes(entity.spec.type)
  );
}

/**
 * True for a runtime component: a Component with `spec.type: runtime-component`.
 *
 * @public
 */
export function isRuntimeComponent(entity: Entity): boolean {
  return (
    isKind(entity, 'component') && entity.spec?.type === RUNTIME_COMPONENT_TYPE
  );
}

/** The runtime resource type of an entity, or undefined when it is not a runtime resource. */
export function runtimeResourceType(
  entity: Entity,
): RuntimeResourceType | undefined {
  return isRuntimeResource(entity)
    ? (entity.spec!.type as RuntimeResourceType)
    : undefined;
}

/** The Runtime environment a live resource lives in, from its annotation. */
export function resourceEnvironment(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.environment];
}
