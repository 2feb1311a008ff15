import { RUNTIME_RESOURCE_TYPES } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeLiveResourceSource } from '@runtime-portal/backstage-plugin-runtime-node';
import { LIVE_RESOURCE_SOURCES } from './liveResourceSources';

const BUILT_IN_TYPES: readonly string[] = Object.values(RUNTIME_RESOURCE_TYPES);
/** Location segments the provider uses besides the built-in sources' ids. */
const RESERVED_IDS = ['workloads'];
const SEGMENT = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks the live resource sources adopters added: each needs an id and a type made of lowercase
 * letters, digits and dashes, a type that is not a built-in one, and an id no other source has.
 * Throws naming the offending source, so that the backend refuses to start.
 */
export function checkExtraLiveResourceSources(
  extra: readonly RuntimeLiveResourceSource[],
): RuntimeLiveResourceSource[] {
  const ids = new Set([
    ...RESERVED_IDS,
    ...LIVE_RESOURCE_SOURCES.map(source => source.id),
  ]);
  for (const source of extra) {
    const name = `Live resource source '${source.id}'`;
    if (!SEGMENT.test(source.id ?? '')) {
      throw new Error(
        `${name}: the id must be lowercase letters, digits and dashes`,
      );
    }
    if (!SEGMENT.test(source.type ?? '')) {
      throw new Error(
        `${name}: the type '${source.type}' must be lowercase letters, digits and dashes`,
      );
    }
    if (BUILT_IN_TYPES.includes(source.type)) {
      throw new Error(
        `${name}: the type '${
          source.type
        }' is a built-in live resource type (${BUILT_IN_TYPES.join(
          ', ',
        )}); give the source a type of its own`,
      );
    }
    if (ids.has(source.id)) {
      throw new Error(`${name}: another live resource source has this id`);
    }
    ids.add(source.id);
  }
  return [...extra];
}
