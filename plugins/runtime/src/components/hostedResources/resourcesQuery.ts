import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';
import { isRuntimeComponent } from '../resources/runtimeEntities';

/** The catalog field of each filter of the resources table (as the catalog's filters and facets name them). */
export const RESOURCE_FILTER_FIELDS = {
  type: 'spec.type',
  team: 'spec.owner',
  environment: `metadata.annotations.${RUNTIME_ANNOTATIONS.environment}`,
} as const;

/** A filter of the resources table. */
export type ResourceFilterName = keyof typeof RESOURCE_FILTER_FIELDS;

/** The chosen value of each filter; a filter without a value is not applied. */
export type ResourceFilters = Partial<Record<ResourceFilterName, string>>;

/** Only what the table shows of each Resource: the catalog sends nothing else. */
export const RESOURCE_TABLE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'spec.owner',
  `metadata.annotations.${RUNTIME_ANNOTATIONS.environment}`,
];

/** Which Resources an entity's table lists, and how the table is titled. */
export interface ResourcesScope {
  /** The catalog filter of the related Resources, without the table's own filters. */
  filter: Record<string, string>;
  title: string;
  /** Says, in a sentence, what is listed when nothing is. */
  emptyText: string;
}

/**
 * The Resources related to an entity: for a runtime component those hosted on it (they depend on it),
 * for any other entity those it uses (they are its dependencies).
 */
export function resourcesScope(entity: Entity): ResourcesScope {
  const ref = stringifyEntityRef(entity);
  if (isRuntimeComponent(entity)) {
    return {
      filter: { kind: 'resource', [`relations.${RELATION_DEPENDS_ON}`]: ref },
      title: 'Hosted resources',
      emptyText: 'No resources run on this component.',
    };
  }
  return {
    filter: { kind: 'resource', [`relations.${RELATION_DEPENDENCY_OF}`]: ref },
    title: 'Resources used',
    emptyText: 'This entity uses no resources.',
  };
}

/** The catalog filter of one page of the table: the scope's filter and every chosen filter value. */
export function resourcesFilter(
  scope: ResourcesScope,
  filters: ResourceFilters,
): Record<string, string> {
  const filter = { ...scope.filter };
  for (const [name, field] of Object.entries(RESOURCE_FILTER_FIELDS)) {
    const value = filters[name as ResourceFilterName];
    if (value) filter[field] = value;
  }
  return filter;
}

/** A Resource as a row of the table. */
export interface ResourceRow {
  entity: Entity;
  name: string;
  type: string;
  team: string;
  environment: string;
}

/** The table's row of a Resource read with {@link RESOURCE_TABLE_FIELDS}. */
export function resourceRow(entity: Entity): ResourceRow {
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    entity,
    name: entity.metadata.title ?? entity.metadata.name,
    type: str(entity.spec?.type),
    team: str(entity.spec?.owner),
    environment: str(
      entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.environment],
    ),
  };
}
