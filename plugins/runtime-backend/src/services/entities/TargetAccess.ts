import { CacheService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  CoalescingCache,
  RuntimeAccessConfig,
  TeamNamespaces,
  isRuntimeUpstreamError,
  teamOwningTarget,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { EntityOwnership } from './entityOwnership';

/** An upstream target that an entity's annotations name. */
export type AnnotatedTarget =
  | { kind: 'namespace'; environment: string; namespace: string }
  | {
      kind: 'argocdApplication';
      environment: string;
      application: string;
      project: string;
      /** The application's destination namespace. */
      namespace?: string;
    }
  | {
      kind: 'gitlabProject';
      /** The project's full path, `group[/subgroup]/name`. */
      path: string;
    }
  | { kind: 'harborRepository'; project: string; repository: string };

/** How long the team owning a namespace (by its label) is remembered. */
const NAMESPACE_OWNER_TTL_MS = 60_000;

/**
 * Decides whether an entity may use what its annotations name: an entity made by the Runtime's entity
 * provider may; any other only when the target belongs to the entity's owner in `runtime.access` (its
 * namespaces, also by their owner label; Argo CD projects; GitLab groups and their subgroups; Harbor
 * projects). So a team cannot register an entity that names another team's application, project,
 * repository or namespace, and read or act on it through the portal.
 */
export class TargetAccess {
  private readonly namespaceOwners: CoalescingCache;

  constructor(
    private readonly options: {
      access: RuntimeAccessConfig;
      teamNamespaces: TeamNamespaces;
      cache: CacheService;
    },
  ) {
    this.namespaceOwners = new CoalescingCache({
      cache: options.cache,
      ttlMs: NAMESPACE_OWNER_TTL_MS,
    });
  }

  /** Why `entity` may not use `target` ("Not allowed: ... belongs to ..."), or `undefined` if it may. */
  async refusal(
    entity: EntityOwnership,
    target: AnnotatedTarget,
  ): Promise<string | undefined> {
    if (entity.trusted) return undefined;
    try {
      const holders = await this.holders(target);
      if (entity.owner && holders.includes(entity.owner)) return undefined;
      const owner = entity.owner
        ? `not to ${entity.owner} (the owner of ${entity.entityRef})`
        : `and ${entity.entityRef} is not owned by a group`;
      return `Not allowed: ${describe(target)} belongs to ${
        holders.join(' and ') || 'no team'
      }, ${owner}`;
    } catch (error) {
      return unreadableOwner(target, error);
    }
  }

  /**
   * Why a runtime component may not read `target` ("Not allowed: ... belongs to ..."), or `undefined`
   * if it may. Its namespace is discovered from workload labels anyone deploying in the cluster can
   * set, so the provider's trust does not extend to it: a namespace held by a team other than the
   * component's owner is refused (the platform's own namespaces belong to no team, or to the owner).
   */
  async foreignRefusal(
    entity: EntityOwnership,
    target: AnnotatedTarget,
  ): Promise<string | undefined> {
    try {
      const holders = await this.holders(target);
      if (!holders.length || (entity.owner && holders.includes(entity.owner))) {
        return undefined;
      }
      return `Not allowed: ${describe(target)} belongs to ${holders.join(
        ' and ',
      )}, not to ${entity.owner ?? 'a group'} (the owner of ${
        entity.entityRef
      })`;
    } catch (error) {
      return unreadableOwner(target, error);
    }
  }

  /** Throws a `NotAllowedError` (403) saying why, unless `entity` may use `target`. */
  async require(entity: EntityOwnership, target: AnnotatedTarget) {
    const refusal = await this.refusal(entity, target);
    if (refusal) throw new NotAllowedError(refusal);
  }

  /**
   * The teams holding `target`: an Argo CD application belongs both to the team of its project and
   * to the team of its destination namespace.
   */
  private async holders(target: AnnotatedTarget): Promise<string[]> {
    const { access } = this.options;
    const found: Array<string | undefined> = [];
    switch (target.kind) {
      case 'namespace':
        found.push(
          await this.namespaceOwner(target.environment, target.namespace),
        );
        break;
      case 'argocdApplication':
        found.push(teamOwningTarget(access, 'argocdProjects', target.project));
        if (target.namespace) {
          found.push(
            await this.namespaceOwner(target.environment, target.namespace),
          );
        }
        break;
      case 'gitlabProject':
        found.push(gitlabGroupOwner(access, target.path));
        break;
      case 'harborRepository':
        found.push(teamOwningTarget(access, 'harborProjects', target.project));
        break;
      default:
    }
    return [...new Set(found.filter((t): t is string => Boolean(t)))];
  }

  /** The team owning a namespace: by `runtime.access`, else by its owner label (cached). */
  private async namespaceOwner(environment: string, namespace: string) {
    const configured = teamOwningTarget(
      this.options.access,
      'namespaces',
      namespace,
    );
    if (configured) return configured;
    const owner = await this.namespaceOwners.get(
      `namespace-owner:${environment}/${namespace}`,
      async () =>
        (await this.options.teamNamespaces.ownerOf(environment, namespace)) ??
        '',
    );
    return owner || undefined;
  }
}

/**
 * The team of the deepest configured GitLab group containing the project at `path`; none for a path
 * with empty or dot segments (`a/../b` must not pass as a project of `a`).
 */
function gitlabGroupOwner(
  access: RuntimeAccessConfig,
  path: string,
): string | undefined {
  const all = path.split('/');
  if (all.some(segment => !segment || segment === '.' || segment === '..')) {
    return undefined;
  }
  const segments = all.slice(0, -1);
  for (let depth = segments.length; depth > 0; depth--) {
    const group = segments.slice(0, depth).join('/');
    const team = teamOwningTarget(access, 'gitlabGroups', group);
    if (team) return team;
  }
  return undefined;
}

/** The refusal when the team holding `target` could not be read. */
function unreadableOwner(target: AnnotatedTarget, error: unknown): string {
  // An upstream's message says what failed; anything else is ours and stays out of the answer.
  const reason = isRuntimeUpstreamError(error)
    ? error.message
    : 'internal error';
  return `Not allowed: which team owns ${describe(
    target,
  )} could not be read (${reason})`;
}

function describe(target: AnnotatedTarget): string {
  switch (target.kind) {
    case 'namespace':
      return `namespace ${target.namespace} in ${target.environment}`;
    case 'argocdApplication':
      return `Argo CD application ${target.application} in ${
        target.environment
      } (project ${target.project}${
        target.namespace ? `, namespace ${target.namespace}` : ''
      })`;
    case 'gitlabProject':
      return `GitLab project ${target.path}`;
    case 'harborRepository':
      return `Harbor repository ${target.project}/${target.repository}`;
    default:
      return 'the target';
  }
}
