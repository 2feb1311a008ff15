import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Settings of the runtime catalog module, under `catalog.providers.runtime`. */
export interface CatalogRuntimeConfig {
  /** Entity ref of the group that owns the platform model. */
  platformOwner: string;
}

/** Reads `catalog.providers.runtime`; the owner must be a group ref. */
export function readCatalogRuntimeConfig(config: Config): CatalogRuntimeConfig {
  const key = 'catalog.providers.runtime.platformOwner';
  const raw = config.getOptionalString(key) ?? 'group:default/platform-team';
  let ref;
  try {
    ref = parseEntityRef(raw, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new Error(`Invalid config at '${key}': ${(error as Error).message}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `Invalid config at '${key}': '${raw}' must refer to a Group`,
    );
  }
  return { platformOwner: stringifyEntityRef(ref) };
}
