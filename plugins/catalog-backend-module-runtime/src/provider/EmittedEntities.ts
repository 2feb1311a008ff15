import { createHash } from 'node:crypto';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** One entity of a refresh, with the scope (environment and source) it came from. */
export interface ScopedEntity extends DeferredEntity {
  scope: string;
  /** {@link entityHash} of the entity and location key, when already known. */
  hash?: string;
  /** The entity's ref, when already known. */
  entityRef?: string;
}

interface Emitted {
  hash: string;
  scope: string;
  locationKey?: string;
}

/** What changed since the last refresh. */
export interface EntityChanges {
  added: DeferredEntity[];
  removed: Array<{ entityRef: string; locationKey?: string }>;
}

/**
 * The entity set last handed to the catalog, as a hash per entity ref (not the entities: small even
 * for many thousands). Diffs a new refresh against it; scopes that failed keep their previous
 * entities.
 */
export class EmittedEntities {
  private emitted = new Map<string, Emitted>();

  /** How many entities were last emitted. */
  get size(): number {
    return this.emitted.size;
  }

  /**
   * The changes from the last emitted set to `next`, and makes `next` (plus the previous entities of
   * `failedScopes`) the emitted set.
   */
  advance(next: ScopedEntity[], failedScopes: Set<string>): EntityChanges {
    const previous = this.emitted;
    const current = new Map<string, Emitted>();
    for (const [ref, entry] of previous) {
      if (failedScopes.has(entry.scope)) current.set(ref, entry);
    }
    const added: DeferredEntity[] = [];
    for (const scoped of next) {
      const { entity, locationKey, scope, hash: known } = scoped;
      const ref = scoped.entityRef ?? stringifyEntityRef(entity);
      if (current.has(ref) && failedScopes.has(current.get(ref)!.scope)) {
        continue; // kept from a failed scope; never overwritten by another one
      }
      const hash = known ?? entityHash(entity, locationKey);
      current.set(ref, { hash, scope, locationKey });
      if (previous.get(ref)?.hash !== hash) added.push({ entity, locationKey });
    }
    const removed = [...previous]
      .filter(([ref]) => !current.has(ref))
      .map(([entityRef, { locationKey }]) => ({ entityRef, locationKey }));
    this.emitted = current;
    return { added, removed };
  }
}

/** What tells an emitted entity from a changed one: a hash of it and its location key. */
export function entityHash(
  entity: unknown,
  locationKey: string | undefined,
): string {
  return createHash('sha256')
    .update(JSON.stringify(entity))
    .update(`\0${locationKey ?? ''}`)
    .digest('base64');
}
