import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { RUNTIME_PROVIDER_LOCATION_PREFIX } from '@runtime-portal/backstage-plugin-runtime-common';
import { groupRef } from '@runtime-portal/backstage-plugin-runtime-node';

/** Whose an entity is, as far as the upstream targets its annotations name are concerned. */
export interface EntityOwnership {
  entityRef: string;
  /** The owning team's group entity ref; absent when `spec.owner` is not a group. */
  owner?: string;
  /** Made by the Runtime's own entity provider: its annotations are the upstream's truth. */
  trusted: boolean;
}

/** Whether the catalog module's entity provider made `entity` (its managed-by location says so). */
export function isRuntimeProviderEntity(entity: Entity): boolean {
  const location =
    entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? '';
  return location.startsWith(RUNTIME_PROVIDER_LOCATION_PREFIX);
}

/** The ownership of `entity`: its ref, its owning group and whether the runtime provider made it. */
export function entityOwnership(entity: Entity): EntityOwnership {
  return {
    entityRef: stringifyEntityRef(entity),
    owner: ownerGroup(entity),
    trusted: isRuntimeProviderEntity(entity),
  };
}

/** `spec.owner` as a group entity ref (relative to the entity's namespace), if it names a group. */
function ownerGroup(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return ref.kind.toLowerCase() === 'group'
      ? groupRef(`${ref.namespace}/${ref.name}`)
      : undefined;
  } catch {
    return undefined;
  }
}
