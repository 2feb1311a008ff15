import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  RUNTIME_CAPABILITY_AREAS,
  RUNTIME_COMPONENTS,
  RuntimeCapabilityArea,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** The label the catalog module puts on runtime Components with their capability area. */
const AREA_LABEL = 'runtime-portal.io/capability-area';

/** A runtime component on the map: the platform model's definition joined with its catalog entity. */
export interface RuntimeMapComponent {
  id: string;
  title: string;
  description: string;
  docsUrl?: string;
  /** The catalog entity, when the catalog has it. */
  entity?: Entity;
  /** Live Resources that depend on it (hosted by it), as the catalog counts them. */
  resourceCount: number;
}

/** A capability area on the map with its components. */
export interface RuntimeMapArea {
  area: RuntimeCapabilityArea;
  components: RuntimeMapComponent[];
}

/** How many Resources a component hosts, by the component's ref in lower case. */
export type ResourceCounts = ReadonlyMap<string, number>;

/** How many catalog Resources depend on a component, from the catalog's counts. */
function hostedResourceCount(
  entity: Entity | undefined,
  counts: ResourceCounts,
): number {
  if (!entity) return 0;
  return counts.get(stringifyEntityRef(entity).toLocaleLowerCase('en-US')) ?? 0;
}

/**
 * The seven capability areas with their components: those of the platform model first, then catalog
 * runtime Components the model does not know, placed by their capability-area label; each with its
 * count of hosted Resources from `resourceCounts` (see useHostedResourceCounts).
 */
export function buildRuntimeMap(
  entities: Entity[],
  resourceCounts: ResourceCounts = new Map(),
): RuntimeMapArea[] {
  const byName = new Map(entities.map(e => [e.metadata.name, e]));
  const known = new Set(RUNTIME_COMPONENTS.map(c => c.id));
  return RUNTIME_CAPABILITY_AREAS.map(area => {
    const modelled = RUNTIME_COMPONENTS.filter(c => c.area === area.id).map(
      (c): RuntimeMapComponent => {
        const entity = byName.get(c.id);
        return {
          id: c.id,
          title: entity?.metadata.title ?? c.title,
          description: entity?.metadata.description ?? c.description,
          docsUrl: c.docsUrl,
          entity,
          resourceCount: hostedResourceCount(entity, resourceCounts),
        };
      },
    );
    const extra = entities
      .filter(
        e =>
          !known.has(e.metadata.name) &&
          e.metadata.labels?.[AREA_LABEL] === area.id,
      )
      .map(
        (entity): RuntimeMapComponent => ({
          id: entity.metadata.name,
          title: entity.metadata.title ?? entity.metadata.name,
          description: entity.metadata.description ?? '',
          entity,
          resourceCount: hostedResourceCount(entity, resourceCounts),
        }),
      );
    return { area, components: [...modelled, ...extra] };
  });
}

const matches = (query: string, ...texts: Array<string | undefined>) =>
  texts.some(text => text?.toLocaleLowerCase('en-US').includes(query));

/**
 * The map narrowed to a search: an area whose title or description matches keeps all its components;
 * otherwise only its components whose name, title or description match; areas left empty are dropped.
 */
export function filterRuntimeMap(
  map: RuntimeMapArea[],
  search: string,
): RuntimeMapArea[] {
  const query = search.trim().toLocaleLowerCase('en-US');
  if (!query) return map;
  return map
    .map(({ area, components }) => {
      if (matches(query, area.title, area.description)) {
        return { area, components };
      }
      return {
        area,
        components: components.filter(c =>
          matches(query, c.id, c.title, c.description),
        ),
      };
    })
    .filter(({ components }) => components.length > 0);
}
