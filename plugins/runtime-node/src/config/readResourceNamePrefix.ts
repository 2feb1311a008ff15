import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

const KEY = 'runtime.resourceNamePrefix';
const DEPRECATED_KEY = 'catalog.providers.runtime.namePrefix';
const PREFIX = /^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/;

/**
 * The prefix of live resource entity names (`runtime.resourceNamePrefix`), read the same way by the
 * catalog module that names the entities and the scaffolder module that outputs their refs.
 *
 * The key's former place, `catalog.providers.runtime.namePrefix`, is still read when the new key is
 * not set; a deprecation warning is then logged (when a logger is given). The new key wins when both
 * are set.
 *
 * @public
 */
export function readResourceNamePrefix(
  config: Config,
  options?: { logger?: LoggerService },
): string | undefined {
  const key = config.has(KEY) ? KEY : DEPRECATED_KEY;
  const prefix = config.getOptionalString(key);
  if (key === DEPRECATED_KEY && prefix !== undefined) {
    options?.logger?.warn(
      `Config '${DEPRECATED_KEY}' is deprecated, set '${KEY}' instead`,
    );
  }
  if (prefix !== undefined && !PREFIX.test(prefix)) {
    throw new Error(
      `Invalid config at '${key}': '${prefix}' must be 1-16 lowercase letters, digits or dashes`,
    );
  }
  return prefix || undefined;
}
