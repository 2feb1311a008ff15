import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useRuntimeComponentEntities } from '../RuntimePage/useRuntimeComponentEntities';
import { useRuntimeEnvironments } from '../RuntimePage/useRuntimeEnvironments';
import { VersionMatrix } from './VersionMatrix';
import { matrixEnvironments } from './versionMatrixRows';

/**
 * Props of {@link RuntimeVersionMatrixCard}.
 *
 * @public
 */
export interface RuntimeVersionMatrixCardProps {
  /**
   * The runtime component entities, when the caller has read them already (the Runtime page has);
   * read from the catalog in one request otherwise.
   */
  entities?: Entity[];
  /** The configured environments' names, in order; otherwise asked of the runtime backend. */
  environments?: string[];
}

/** The matrix over the environments the runtime backend has configured (one request). */
function ConfiguredMatrix(props: { entities: Entity[] }) {
  const health = useRuntimeEnvironments();
  if (health.loading) return <Progress />;
  return (
    <VersionMatrix
      entities={props.entities}
      environments={matrixEnvironments(
        props.entities,
        health.value?.environments.map(e => e.name),
      )}
    />
  );
}

function Matrix(props: { entities: Entity[]; environments?: string[] }) {
  if (!props.environments)
    return <ConfiguredMatrix entities={props.entities} />;
  return (
    <VersionMatrix
      entities={props.entities}
      environments={matrixEnvironments(props.entities, props.environments)}
    />
  );
}

function CatalogMatrix(props: { environments?: string[] }) {
  const catalog = useRuntimeComponentEntities();
  if (catalog.loading) return <Progress />;
  if (catalog.error) {
    return (
      <ResponseErrorPanel
        error={catalog.error}
        title="Could not read the runtime components from the catalog"
      />
    );
  }
  return (
    <Matrix entities={catalog.value ?? []} environments={props.environments} />
  );
}

/**
 * Card of the runtime components' installed versions across environments (components × environments),
 * versions that differ between environments highlighted, from the catalog's installation annotations.
 *
 * @public
 */
export function RuntimeVersionMatrixCard(props: RuntimeVersionMatrixCardProps) {
  return (
    <InfoCard
      title="Versions across environments"
      subheader="Installed version of each runtime component, as the catalog last discovered it"
    >
      {props.entities ? (
        <Matrix entities={props.entities} environments={props.environments} />
      ) : (
        <CatalogMatrix environments={props.environments} />
      )}
    </InfoCard>
  );
}
