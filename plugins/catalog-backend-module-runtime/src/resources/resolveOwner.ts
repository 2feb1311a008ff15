import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** The owner of a live resource, or the fallback owner with what was wrong. */
export interface ResolvedOwner {
  owner: string;
  /** Set when the fallback owner was used: what was found instead of a valid owner. */
  problem?: string;
}

const NAME = /^[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?$/;

/**
 * Turns an owner label, tag or metadata value (a team name, or a group ref) into a group ref; anything
 * else gives the fallback owner and a problem naming where the owner was looked for.
 */
export function resolveOwner(
  value: string | undefined,
  source: string,
  fallback: string,
): ResolvedOwner {
  if (value === undefined || value.trim() === '') {
    return { owner: fallback, problem: `no owner: ${source} is not set` };
  }
  if (NAME.test(value)) return { owner: `group:default/${value}` };
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (
      ref.kind.toLocaleLowerCase('en-US') === 'group' &&
      NAME.test(ref.name) &&
      NAME.test(ref.namespace)
    ) {
      return { owner: stringifyEntityRef(ref) };
    }
  } catch {
    // falls through to the problem below
  }
  return {
    owner: fallback,
    problem: `invalid owner: ${source} is '${value}', which is not a group name`,
  };
}

/** The component ref of the service using a resource, when the value is a valid component name. */
export function serviceRef(value: string | undefined): string | undefined {
  return value && NAME.test(value) ? `component:default/${value}` : undefined;
}
