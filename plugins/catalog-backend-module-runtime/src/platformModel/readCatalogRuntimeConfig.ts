import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** Settings of the runtime catalog module, under `catalog.providers.runtime`. */
export interface CatalogRuntimeConfig {
  /** Entity ref of the group that owns the platform model. */
  platformOwner: string;
  /** Entity ref of the group that owns live resources without a valid owner. */
  ownerFallback: string;
  /** How often and how long the provider refreshes. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The environments to ingest; undefined means all configured ones. */
  environments?: string[];
  /** The live resource types to ingest. */
  kinds: RuntimeResourceType[];
}

const PREFIX = 'catalog.providers.runtime';
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};
const ALL_KINDS = Object.values(RUNTIME_RESOURCE_TYPES);

/** Reads `catalog.providers.runtime`; owners must be group refs, kinds known resource types. */
export function readCatalogRuntimeConfig(config: Config): CatalogRuntimeConfig {
  const platformOwner = readGroupRef(
    config,
    `${PREFIX}.platformOwner`,
    'group:default/platform-team',
  );
  const ownerFallback = readGroupRef(
    config,
    `${PREFIX}.ownerFallback`,
    platformOwner,
  );
  const schedule = config.has(`${PREFIX}.schedule`)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(`${PREFIX}.schedule`),
      )
    : DEFAULT_SCHEDULE;
  const environments = config.getOptionalStringArray(`${PREFIX}.environments`);
  const kinds = config.getOptionalStringArray(`${PREFIX}.kinds`) ?? ALL_KINDS;
  for (const kind of kinds) {
    if (!(ALL_KINDS as string[]).includes(kind)) {
      throw new Error(
        `Invalid config at '${PREFIX}.kinds': '${kind}' is not one of ${ALL_KINDS.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    platformOwner,
    ownerFallback,
    schedule,
    environments,
    kinds: kinds as RuntimeResourceType[],
  };
}

function readGroupRef(config: Config, key: string, fallback: string): string {
  const raw = config.getOptionalString(key) ?? fallback;
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
  return stringifyEntityRef(ref);
}
