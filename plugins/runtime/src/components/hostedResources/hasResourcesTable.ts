import { Entity } from '@backstage/catalog-model';
import { isRuntimeComponent } from '../resources/runtimeEntities';

/**
 * True for the entities whose page lists their Resources in a table: runtime components (what they
 * host) and services (what they use).
 */
export function hasResourcesTable(entity: Entity): boolean {
  if (isRuntimeComponent(entity)) return true;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'service'
  );
}
