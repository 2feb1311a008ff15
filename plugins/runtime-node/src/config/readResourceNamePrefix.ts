import { Config } from '@backstage/config';

const KEY = 'catalog.providers.runtime.namePrefix';
const PREFIX = /^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/;

/**
 * The prefix of live resource entity names (`catalog.providers.runtime.namePrefix`), read the same way by
 * the catalog module that names the entities and the scaffolder module that outputs their refs.
 *
 * @public
 */
export function readResourceNamePrefix(config: Config): string | undefined {
  const prefix = config.getOptionalString(KEY);
  if (prefix !== undefined && !PREFIX.test(prefix)) {
    throw new Error(
      `Invalid config at '${KEY}': '${prefix}' must be 1-16 lowercase letters, digits or dashes`,
    );
  }
  return prefix || undefined;
}
