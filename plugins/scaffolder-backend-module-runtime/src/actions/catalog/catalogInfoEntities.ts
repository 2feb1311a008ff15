import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  RuntimeAccessConfig,
  RuntimeCaller,
  groupRef,
  requireActFor,
  teamTargets,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { parseAllDocuments } from 'yaml';
import { CatalogInfoLocation } from './catalogInfoUrl';

/**
 * The kinds a team registers for itself. A Resource is left out: the Runtime's entity provider
 * describes the live resources, and a hand-made one could pass for them; Group, User, System,
 * Domain, Location and Template are the platform's.
 */
const TEAM_REGISTERED_KINDS = ['Component', 'API'];

/** Annotations the catalog or the Runtime's entity provider set; a team's file may not claim them. */
const RESERVED_ANNOTATION = [
  /^backstage\.io\/managed-by-(origin-)?location$/,
  /^backstage\.io\/orphan$/,
  /^runtime-portal\.io\//,
];

/**
 * Every entity of a catalog-info file (every YAML document). A file that is not YAML, has no
 * entity or has a document that is not an entity with a kind and a name is an `InputError`.
 */
export function parseCatalogInfo(text: string, url: string): Entity[] {
  const documents = parseAllDocuments(text);
  const entities = documents.map(document => {
    if (document.errors.length) {
      throw new InputError(
        `Refused: ${url} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    return document.toJS() as Entity | null;
  });
  const found = entities.filter(entity => entity !== null);
  if (
    !found.length ||
    found.some(
      e =>
        typeof e !== 'object' ||
        typeof e.kind !== 'string' ||
        typeof e.metadata?.name !== 'string',
    )
  ) {
    throw new InputError(
      `Refused: ${url} must hold catalog entities, each with a kind and metadata.name`,
    );
  }
  return found;
}

/**
 * Checks that `caller` may register `entities` read from `location`: each is a Component or an API,
 * claims no reserved annotation, has a team as `spec.owner` that the caller may act for, and the
 * GitLab project is in one of that team's `gitlabGroups`. Each refusal is a `NotAllowedError` (403)
 * naming the entity and the reason. Returns the owning teams' group refs.
 */
export function authorizeCatalogInfo(
  caller: RuntimeCaller,
  access: RuntimeAccessConfig,
  location: CatalogInfoLocation,
  entities: Entity[],
): string[] {
  const owners = new Set<string>();
  for (const entity of entities) {
    const ref = entityRefOf(entity);
    if (!TEAM_REGISTERED_KINDS.includes(entity.kind)) {
      throw new NotAllowedError(
        `Not allowed: ${ref} is a ${
          entity.kind
        }; a team registers only ${TEAM_REGISTERED_KINDS.join(
          ' and ',
        )} entities`,
      );
    }
    const reserved = Object.keys(entity.metadata.annotations ?? {}).find(key =>
      RESERVED_ANNOTATION.some(pattern => pattern.test(key)),
    );
    if (reserved) {
      throw new NotAllowedError(
        `Not allowed: ${ref} claims the annotation ${reserved}, which only the catalog and the Runtime's entity provider set`,
      );
    }
    const owner = ownerOf(entity, ref);
    requireActFor(caller, owner);
    requireTeamProject(access, owner, location);
    owners.add(owner);
  }
  return [...owners];
}

/** The entity's ref, e.g. `component:default/qa` (namespace `default` when unset). */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  });
}

/** The entity's `spec.owner` as a group ref; any other owner is refused. */
function ownerOf(entity: Entity, ref: string): string {
  const owner = entity.spec?.owner;
  try {
    if (typeof owner === 'string') return groupRef(owner);
  } catch {
    // refused below
  }
  throw new NotAllowedError(
    `Not allowed: ${ref} must have a team (a group) as spec.owner, not ${JSON.stringify(
      owner ?? null,
    )}`,
  );
}

/** Refuses a GitLab project outside the owner's configured GitLab groups. */
function requireTeamProject(
  access: RuntimeAccessConfig,
  owner: string,
  location: CatalogInfoLocation,
): void {
  const groups = teamTargets(access, owner, 'gitlabGroups').map(g =>
    g.toLowerCase(),
  );
  const inGroup = groups.some(
    group =>
      location.groupPath === group ||
      location.groupPath.startsWith(`${group}/`),
  );
  if (!inGroup) {
    throw new NotAllowedError(
      `Not allowed: the GitLab project ${
        location.projectPath
      } is not in a GitLab group of ${owner} (${
        groups.join(', ') || 'none configured'
      })`,
    );
  }
}
