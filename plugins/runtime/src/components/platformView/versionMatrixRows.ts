import { Entity } from '@backstage/catalog-model';
import {
  annotatedEnvironments,
  InstallationStatus,
  installationStatus,
} from '../resources/installationStatus';
import { driftingEnvironments, otherVersions } from '../versions';

/** One environment's cell of the version matrix. */
export interface VersionMatrixCell {
  status: InstallationStatus;
  /** The other environments' versions when this one's differs from theirs. */
  driftFrom?: string;
}

/** One runtime component's row of the version matrix. */
export interface VersionMatrixRow {
  entity: Entity;
  title: string;
  /** Cells in the order of the matrix's environments. */
  cells: VersionMatrixCell[];
  /** Whether its versions differ between environments. */
  drift: boolean;
}

/**
 * The environments of the matrix: the configured ones (in the backend's order) and any other the
 * components' annotations name (an environment removed from the configuration still shows until the
 * catalog forgets it).
 */
export function matrixEnvironments(
  entities: Entity[],
  configured: string[] = [],
): string[] {
  const all = [...configured];
  for (const entity of entities) {
    for (const environment of annotatedEnvironments(entity)) {
      if (!all.includes(environment)) all.push(environment);
    }
  }
  return all;
}

/** The matrix's rows: each component's installation per environment, drifting versions marked. */
export function versionMatrixRows(
  entities: Entity[],
  environments: string[],
): VersionMatrixRow[] {
  return entities
    .map(entity => {
      const statuses = environments.map(env => installationStatus(entity, env));
      const drifting = driftingEnvironments(statuses);
      return {
        entity,
        title: entity.metadata.title ?? entity.metadata.name,
        drift: drifting.size > 0,
        cells: statuses.map(status => ({
          status,
          driftFrom: drifting.has(status.environment)
            ? otherVersions(statuses, status.environment)
            : undefined,
        })),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}
