import { NotFoundError } from '@backstage/errors';

/**
 * The environment called `name` in `byName`; a `NotFoundError` listing the known names otherwise.
 * Shared by the real clients service and its in-memory test double, so both refuse alike.
 */
export function environmentByName<E>(byName: Map<string, E>, name: string): E {
  const environment = byName.get(name);
  if (!environment) {
    throw new NotFoundError(
      `No Runtime environment '${name}' is configured; known: ${
        [...byName.keys()].join(', ') || 'none'
      }`,
    );
  }
  return environment;
}
