import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import { ApiHolder } from '@backstage/core-plugin-api';
import { hasCatalogProcessingErrors } from '@backstage/plugin-catalog';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { isRuntimeComponent } from '@runtime-portal/backstage-plugin-runtime';

/**
 * The `backstage.io/managed-by-location` prefix of what the Runtime catalog module's provider emits
 * (`runtime:<environment>/<source>`, `runtime:platform-model`; RUNTIME_PROVIDER_LOCATION_PREFIX in
 * runtime-common). The catalog sets that annotation itself for entities read from a location, so no
 * hand-made entity carries it.
 */
const RUNTIME_PROVIDER_LOCATION = 'runtime:';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
/** The status item type of the catalog's processing errors (`ENTITY_STATUS_CATALOG_PROCESSING_TYPE`). */
const CATALOG_PROCESSING = 'backstage.io/catalog-processing';
/** Only what the errors need of a Location: never its relations. */
const LOCATION_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'status',
];
/** How far up the Location chain the light check goes (a registered file: its Location, then none). */
const MAX_ANCESTORS = 4;

/** A processing error as the catalog records it in `status.items`. */
type ProcessingError = NonNullable<EntityStatusItem['error']>;

/** An entity with processing errors, as the upstream panel lists them. */
export interface EntityErrors {
  entity: Entity;
  errors: ProcessingError[];
}

/** True for an entity the Runtime provider emitted: it has no parent Location, so no ancestor's errors. */
function isRuntimeProviderEntity(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[MANAGED_BY_LOCATION]?.startsWith(
      RUNTIME_PROVIDER_LOCATION,
    ) ?? false
  );
}

/**
 * True for the pages whose entity can carry thousands of relations (one per hosted or used Resource):
 * a runtime component's and a service's. Their errors are checked without the catalog's ancestry
 * endpoint, which sends every ancestor whole, the entity itself included (over 1 MB at 10,000).
 */
export function hasLightErrorCheck(entity: Entity): boolean {
  return (
    isRuntimeComponent(entity) ||
    (entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      entity.spec?.type === 'service')
  );
}

/** The entity's own processing errors, from its `status.items` (as the upstream panel filters them). */
function ownProcessingErrors(entity: Entity): ProcessingError[] {
  return ((entity as AlphaEntity).status?.items ?? []).flatMap(item =>
    item.error && item.level === 'error' && item.type === CATALOG_PROCESSING
      ? [item.error]
      : [],
  );
}

/**
 * The processing errors of the entity and of the Locations it was read from, without its ancestry: a
 * Runtime provider's entity has no parent, so its own `status.items` (already loaded with the page) say
 * it all; an entity read from a location (`managed-by-location` `type:target`) has that Location entity
 * as its parent, looked up by its `spec.type` and `spec.target` with only its annotations and status,
 * and so on up the chain.
 */
export async function entityProcessingErrors(
  entity: Entity,
  catalogApi: CatalogApi,
): Promise<EntityErrors[]> {
  const found: EntityErrors[] = [];
  const add = (e: Entity) => {
    const errors = ownProcessingErrors(e);
    if (errors.length > 0) found.push({ entity: e, errors });
  };
  add(entity);
  if (isRuntimeProviderEntity(entity)) return found;

  const seen = new Set([stringifyEntityRef(entity)]);
  let location = entity.metadata.annotations?.[MANAGED_BY_LOCATION];
  for (let depth = 0; location && depth < MAX_ANCESTORS; depth++) {
    const separator = location.indexOf(':');
    if (separator <= 0) break;
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'location',
        'spec.type': location.slice(0, separator),
        'spec.target': location.slice(separator + 1),
      },
      fields: LOCATION_FIELDS,
    });
    const parent = items.find(item => !seen.has(stringifyEntityRef(item)));
    if (!parent) break;
    seen.add(stringifyEntityRef(parent));
    add(parent);
    location = parent.metadata.annotations?.[MANAGED_BY_LOCATION];
  }
  return found;
}

/**
 * The catalog's `hasCatalogProcessingErrors`, but for a runtime component or a service (see
 * {@link hasLightErrorCheck}) without the ancestry read (see {@link entityProcessingErrors}).
 */
export async function hasProcessingErrors(
  entity: Entity,
  context: { apis: ApiHolder },
): Promise<boolean> {
  if (!hasLightErrorCheck(entity)) {
    return hasCatalogProcessingErrors(entity, context);
  }
  const catalogApi = context.apis.get(catalogApiRef);
  if (!catalogApi) throw new Error(`No implementation for ${catalogApiRef}`);
  return (await entityProcessingErrors(entity, catalogApi)).length > 0;
}
