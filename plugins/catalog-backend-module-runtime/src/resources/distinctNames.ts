import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';

const MAX_NAME = 63;
const SUFFIX = 8;

/**
 * Makes entity names unique where different upstream resources would get the same one (e.g.
 * `team-a/x-y` and `team-a-x/y`): each of them gets a suffix hashed from its upstream ref, so the
 * result does not depend on the order they were read in.
 */
export function distinctNames(entities: Entity[]): Entity[] {
  const count = new Map<string, number>();
  for (const e of entities) {
    count.set(e.metadata.name, (count.get(e.metadata.name) ?? 0) + 1);
  }
  return entities.map(entity => {
    const { name, annotations = {} } = entity.metadata;
    if (count.get(name)! < 2) return entity;
    const suffix = createHash('sha256')
      .update(annotations[RUNTIME_ANNOTATIONS.upstreamRef] ?? '')
      .digest('hex')
      .slice(0, SUFFIX);
    const base = name.slice(0, MAX_NAME - SUFFIX - 1).replace(/[-_.]+$/, '');
    return {
      ...entity,
      metadata: { ...entity.metadata, name: `${base}-${suffix}` },
    };
  });
}
