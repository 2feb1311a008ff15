import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { loadSeed } from './loadSeed';
import {
  RuntimeSeed,
  SeedComponent,
  SeedDelivery,
  SeedService,
  SeedTeam,
} from './types';

/** What an environment runs differently of one component: some of its fields, or `null` (not installed). */
export type SeedComponentDrift = Partial<
  Pick<SeedComponent, 'version' | 'replicas' | 'downReplicas'>
> | null;

/** Which of a service's resources an environment has, by name; a list left out keeps them all. */
export interface SeedServiceSelection {
  inferenceEndpoints?: string[];
  buckets?: string[];
  /** Secret paths. */
  secrets?: string[];
  workflows?: string[];
  /** How the service's Argo CD application differs there (e.g. `sync: Synced`). */
  argocd?: Partial<SeedDelivery['argocd']>;
}

/**
 * How another environment's Runtime differs from a base seed (the dev one): changed or missing
 * components, and the teams, services and resources it has (by name, all others left out).
 */
export interface SeedDrift {
  components?: Record<string, SeedComponentDrift>;
  /** Team name -> service name -> the resources it has; teams and services not listed are left out. */
  teams?: Record<string, Record<string, SeedServiceSelection | null>>;
}

/** The drift of the sandbox's `prod` environment from the dev seed. */
// eslint-disable-next-line no-restricted-syntax
export const PROD_DRIFT_FILE = path.resolve(__dirname, 'prod-drift.yaml');

const COMPONENT_FIELDS = ['version', 'replicas', 'downReplicas'] as const;

/**
 * Applies `drift` to `base` and returns the new seed (`base` is left as it is). Every name the drift
 * refers to must exist in `base`, and every value must have the field's type, else it throws an error
 * that names the entry.
 */
export function applySeedDrift(
  base: RuntimeSeed,
  drift: SeedDrift,
): RuntimeSeed {
  const components = applyComponentDrift(
    base.components,
    drift.components ?? {},
  );
  const teams = drift.teams ? selectTeams(base.teams, drift.teams) : base.teams;
  return structuredClone({ ...base, components, teams });
}

function applyComponentDrift(
  components: SeedComponent[],
  drift: Record<string, SeedComponentDrift>,
): SeedComponent[] {
  for (const [name, change] of Object.entries(drift)) {
    if (!components.some(c => c.name === name)) {
      throw new Error(
        `Seed drift: components.${name} is not a component of the base seed`,
      );
    }
    for (const [field, value] of Object.entries(change ?? {}) as Array<
      [string, unknown]
    >) {
      const type = field === 'version' ? 'string' : 'number';
      if (
        !(COMPONENT_FIELDS as readonly string[]).includes(field) ||
        typeof value !== type ||
        (type === 'number' && !(Number.isInteger(value) && Number(value) >= 0))
      ) {
        throw new Error(
          `Seed drift: components.${name}.${field} must be one of ${COMPONENT_FIELDS.join(
            ', ',
          )} (version a string, the others whole numbers >= 0)`,
        );
      }
    }
  }
  return components.flatMap(component => {
    if (!(component.name in drift)) return [component];
    const change = drift[component.name];
    if (change === null) return [];
    const changed = { ...component, ...change };
    if ((changed.downReplicas ?? 0) > changed.replicas) {
      throw new Error(
        `Seed drift: components.${component.name}.downReplicas is more than its ${changed.replicas} replicas`,
      );
    }
    return [changed];
  });
}

function selectTeams(
  teams: SeedTeam[],
  selection: Record<string, Record<string, SeedServiceSelection | null>>,
): SeedTeam[] {
  for (const [teamName, services] of Object.entries(selection)) {
    const team = teams.find(t => t.name === teamName);
    if (!team)
      throw new Error(
        `Seed drift: teams.${teamName} is not a team of the base seed`,
      );
    for (const serviceName of Object.keys(services ?? {})) {
      if (!team.services.some(s => s.name === serviceName)) {
        throw new Error(
          `Seed drift: teams.${teamName}.${serviceName} is not a service of ${teamName}`,
        );
      }
    }
  }
  return teams.flatMap(team => {
    const services = selection[team.name];
    if (!services) return [];
    return [
      {
        ...team,
        services: team.services.flatMap(service =>
          service.name in services
            ? [
                selectResources(
                  team.name,
                  service,
                  services[service.name] ?? {},
                ),
              ]
            : [],
        ),
      },
    ];
  });
}

function selectResources(
  teamName: string,
  service: SeedService,
  selection: SeedServiceSelection,
): SeedService {
  const keep = <T>(
    kind: Exclude<keyof SeedServiceSelection, 'argocd'>,
    items: T[] | undefined,
    nameOf: (item: T) => string,
  ): T[] | undefined => {
    const names = selection[kind];
    if (names === undefined) return items;
    if (!Array.isArray(names)) {
      throw new Error(
        `Seed drift: teams.${teamName}.${service.name}.${kind} must be a list of names`,
      );
    }
    for (const name of names) {
      if (!(items ?? []).some(item => nameOf(item) === name)) {
        throw new Error(
          `Seed drift: teams.${teamName}.${service.name}.${kind} names ${name}, which ${service.name} does not have`,
        );
      }
    }
    return (items ?? []).filter(item => names.includes(nameOf(item)));
  };
  if (selection.argocd && !service.delivery) {
    throw new Error(
      `Seed drift: teams.${teamName}.${service.name}.argocd: ${service.name} has no delivery`,
    );
  }
  return {
    ...service,
    ...(service.delivery && selection.argocd
      ? {
          delivery: {
            ...service.delivery,
            argocd: { ...service.delivery.argocd, ...selection.argocd },
          },
        }
      : {}),
    inferenceEndpoints: keep(
      'inferenceEndpoints',
      service.inferenceEndpoints,
      e => e.name,
    ),
    buckets: keep('buckets', service.buckets, b => b.name),
    secrets: keep('secrets', service.secrets, s => s.path),
    workflows: keep('workflows', service.workflows, w => w.name),
  };
}

/** Reads a seed drift file (the `prod` one when no path is given). */
export function loadSeedDrift(file: string = PROD_DRIFT_FILE): SeedDrift {
  const drift = yaml.parse(fs.readFileSync(file, 'utf8')) as SeedDrift;
  if (drift === null || typeof drift !== 'object' || Array.isArray(drift)) {
    throw new Error(`Seed drift file ${file} must be a mapping`);
  }
  return drift;
}

/**
 * The seed of the sandbox's `prod` environment: the dev seed (`runtime-seed.yaml`) with the drift of
 * `prod-drift.yaml` (some components a release behind, faster-whisper not installed, fewer teams'
 * resources, KubeAI's `TargetDown` firing).
 */
export function loadProdSeed(): RuntimeSeed {
  return applySeedDrift(loadSeed(), loadSeedDrift());
}
