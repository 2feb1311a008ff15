import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
  stringifyLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  RuntimeAccessConfig,
  groupRef,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { GitLabProjectResolver } from './gitlabProjectOfLocation';

/** The kinds a team's catalog file may hold; the rest are the platform's or the Runtime provider's. */
const TEAM_KINDS = ['Component', 'API'];

/** Annotations only the catalog or the Runtime's entity provider set. */
const RESERVED_ANNOTATION = [
  /^backstage\.io\/managed-by-(origin-)?location$/,
  /^backstage\.io\/orphan$/,
  /^runtime-portal\.io\//,
];

/**
 * Keeps the rules of `runtime:catalog:register` on every refresh. For an entity read from a file of a
 * platform GitLab project inside a team's `runtime.access.teams[].gitlabGroups`, it refuses (an
 * `InputError` that fails the entity's processing, so the catalog keeps the last accepted version and
 * shows the error) an entity that is not a Component or an API, that claims a reserved annotation, or
 * whose `spec.owner` is not that team. Entities from any other location are left alone.
 */
export class RuntimeTeamEntityProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      access: RuntimeAccessConfig;
      gitlabProjectOf: GitLabProjectResolver;
    },
  ) {}

  getProcessorName(): string {
    return 'RuntimeTeamEntityProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    _emit: CatalogProcessorEmit,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (isRegisteredLocation(entity, location)) return entity;
    const project = this.options.gitlabProjectOf(location);
    if (!project) return entity;
    const team = this.teamOwningGroup(project.groupPath);
    if (!team) return entity;

    const ref = stringifyEntityRef(entity);
    const where = `the GitLab project ${project.projectPath} of ${team}`;
    if (!TEAM_KINDS.includes(entity.kind)) {
      throw new InputError(
        `Refused: ${ref} from ${where} is a ${
          entity.kind
        }; a team's catalog file holds only ${TEAM_KINDS.join(
          ' and ',
        )} entities`,
      );
    }
    const reserved = reservedAnnotation(entity, location, originLocation);
    if (reserved) {
      throw new InputError(
        `Refused: ${ref} from ${where} claims the annotation ${reserved}, which only the catalog and the Runtime's entity provider set`,
      );
    }
    const owner = ownerOf(entity);
    if (owner !== team) {
      throw new InputError(
        `Refused: ${ref} from ${where} must be owned by ${team}, not ${JSON.stringify(
          entity.spec?.owner ?? null,
        )}`,
      );
    }
    return entity;
  }

  /** The team whose GitLab groups hold `groupPath` (the group itself or a subgroup). */
  private teamOwningGroup(groupPath: string): string | undefined {
    return this.options.access.teams.find(team =>
      team.gitlabGroups.some(group => {
        const g = group.toLowerCase();
        return groupPath === g || groupPath.startsWith(`${g}/`);
      }),
    )?.group;
  }
}

/**
 * Whether `entity` is the Location entity the catalog makes for a registered location: named
 * `generated-<sha1 of type:target>` and pointing at the very file it is managed by. A team's file
 * cannot declare another Location through it.
 */
function isRegisteredLocation(entity: Entity, location: LocationSpec): boolean {
  const ref = stringifyLocationRef(location);
  return (
    entity.kind === 'Location' &&
    entity.metadata.name ===
      `generated-${createHash('sha1').update(ref).digest('hex')}` &&
    entity.spec?.type === location.type &&
    entity.spec?.target === location.target &&
    entity.spec?.targets === undefined
  );
}

/**
 * The first reserved annotation on `entity`, other than the two location annotations the catalog
 * itself writes (it overwrites any value the file gave them with the location being processed).
 */
function reservedAnnotation(
  entity: Entity,
  location: LocationSpec,
  originLocation: LocationSpec,
): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const setByCatalog: Record<string, string> = {
    [ANNOTATION_LOCATION]: stringifyLocationRef(location),
    [ANNOTATION_ORIGIN_LOCATION]: stringifyLocationRef(originLocation),
  };
  return Object.keys(annotations).find(
    key =>
      RESERVED_ANNOTATION.some(pattern => pattern.test(key)) &&
      annotations[key] !== setByCatalog[key],
  );
}

/** The entity's `spec.owner` as a group ref, or `undefined` when it is not a group. */
function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return groupRef(owner);
  } catch {
    return undefined;
  }
}
