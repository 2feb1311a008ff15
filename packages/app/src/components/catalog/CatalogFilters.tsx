import { Entity } from '@backstage/catalog-model';
import {
  DefaultEntityFilters,
  EntityAutocompletePicker,
  EntityFilter,
  EntityKindPicker,
  EntityLifecyclePicker,
  EntityNamespacePicker,
  EntityOwnerPicker,
  EntityProcessingStatusPicker,
  EntityTagPicker,
  EntityTypePicker,
  UserListPicker,
} from '@backstage/plugin-catalog-react';

/** Keeps the entities whose `spec.system` is one of the chosen Systems (the Runtime's capability areas). */
export class EntitySystemFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogFilters() {
    return { 'spec.system': this.values };
  }

  filterEntity(entity: Entity): boolean {
    const system = entity.spec?.system;
    return typeof system === 'string' && this.values.includes(system);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** The catalog filters with a System (capability area) picker added. */
export type CatalogFilters = DefaultEntityFilters & {
  systems?: EntitySystemFilter;
};

/**
 * The catalog index filters: the stock ones plus System, so teams can filter by capability area, resource
 * type, environment (a tag on every live Runtime resource) and owner.
 */
export const catalogFilters = (
  <>
    <EntityKindPicker />
    <EntityTypePicker />
    <UserListPicker />
    <EntityOwnerPicker />
    <EntityAutocompletePicker<CatalogFilters, 'systems'>
      label="System"
      name="systems"
      path="spec.system"
      Filter={EntitySystemFilter}
    />
    <EntityLifecyclePicker />
    <EntityTagPicker />
    <EntityProcessingStatusPicker />
    <EntityNamespacePicker />
  </>
);
