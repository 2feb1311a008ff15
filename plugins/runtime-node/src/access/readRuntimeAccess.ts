import { Config } from '@backstage/config';
import { RUNTIME_OWNER_LABEL } from '@runtime-portal/backstage-plugin-runtime-common';
import { groupRef } from './groupRef';

/**
 * One team's targets in the Runtime's upstreams (`runtime.access.teams[]`).
 *
 * @public
 */
export interface RuntimeTeamAccess {
  /** The team's group entity ref, e.g. `group:default/search-team`. */
  group: string;
  /** Kubernetes namespaces the team's services run in. */
  namespaces: string[];
  /** Argo CD projects of the team's applications. */
  argocdProjects: string[];
  /** GitLab groups (full paths) of the team's projects. */
  gitlabGroups: string[];
  /** Harbor projects of the team's images. */
  harborProjects: string[];
}

/**
 * Who may act on what (`runtime.access`).
 *
 * @public
 */
export interface RuntimeAccessConfig {
  /** Group entity refs whose members may do everything. */
  platformAdmins: string[];
  /** The Namespace label naming the team that owns it. */
  namespaceOwnerLabel: string;
  /** Each configured team's targets. */
  teams: RuntimeTeamAccess[];
}

/**
 * The kinds of upstream target a team can own.
 *
 * @public
 */
export type RuntimeTargetKind = Exclude<keyof RuntimeTeamAccess, 'group'>;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

/**
 * Reads `runtime.access`; a bad value stops the backend at start-up with a message naming the key.
 * No configured target is ever shared by two teams.
 *
 * @public
 */
export function readRuntimeAccess(config: Config): RuntimeAccessConfig {
  const access = config.getOptionalConfig('runtime.access');
  const platformAdmins = (
    access?.getOptionalStringArray('platformAdmins') ?? []
  ).map((ref, i) => groupRef(ref, `runtime.access.platformAdmins[${i}]`));
  const namespaceOwnerLabel =
    access?.getOptionalString('namespaceOwnerLabel') ?? RUNTIME_OWNER_LABEL;
  const teams = (access?.getOptionalConfigArray('teams') ?? []).map((team, i) =>
    readTeam(team, `runtime.access.teams[${i}]`),
  );
  requireDistinctTargets(teams);
  return { platformAdmins, namespaceOwnerLabel, teams };
}

function readTeam(team: Config, key: string): RuntimeTeamAccess {
  const list = (name: RuntimeTargetKind) => {
    const values = team.getOptionalStringArray(name) ?? [];
    values.forEach((value, i) => {
      if (!NAME.test(value) || value.length > 253) {
        throw new Error(
          `Invalid config at '${key}.${name}[${i}]': '${value}' is not a valid name`,
        );
      }
    });
    return values;
  };
  return {
    group: groupRef(team.getString('group'), `${key}.group`),
    namespaces: list('namespaces'),
    argocdProjects: list('argocdProjects'),
    gitlabGroups: list('gitlabGroups'),
    harborProjects: list('harborProjects'),
  };
}

function requireDistinctTargets(teams: RuntimeTeamAccess[]) {
  const kinds: RuntimeTargetKind[] = [
    'namespaces',
    'argocdProjects',
    'gitlabGroups',
    'harborProjects',
  ];
  for (const kind of kinds) {
    const seen = new Map<string, string>();
    for (const team of teams) {
      for (const target of team[kind]) {
        const other = seen.get(target);
        if (other && other !== team.group) {
          throw new Error(
            `Invalid config at 'runtime.access.teams': ${kind} '${target}' is given to both ${other} and ${team.group}`,
          );
        }
        seen.set(target, team.group);
      }
    }
  }
}

/**
 * The configured team that owns `target` of `kind` (e.g. the Argo CD project `search-team`), or
 * `undefined` when no team is configured with it.
 *
 * @public
 */
export function teamOwningTarget(
  access: RuntimeAccessConfig,
  kind: RuntimeTargetKind,
  target: string,
): string | undefined {
  return access.teams.find(team => team[kind].includes(target))?.group;
}

/**
 * The configured targets of `kind` of the team `group` (an entity ref or a name); none for a team
 * that is not configured.
 *
 * @public
 */
export function teamTargets(
  access: RuntimeAccessConfig,
  group: string,
  kind: RuntimeTargetKind,
): string[] {
  const ref = groupRef(group);
  return access.teams.find(team => team.group === ref)?.[kind] ?? [];
}
