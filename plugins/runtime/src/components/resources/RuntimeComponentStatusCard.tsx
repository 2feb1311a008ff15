import { InfoCard, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { CompactTable } from '../shared';
import { InstallationChip } from './InstallationChip';
import { driftingEnvironments, otherVersions, VersionText } from '../versions';
import {
  annotatedEnvironments,
  InstallationStatus,
  installationStatus,
} from './installationStatus';

/** An installation with the other environments' versions when its version differs from theirs. */
type InstallationRow = InstallationStatus & { driftFrom?: string };

const installationColumns: TableColumn<InstallationRow>[] = [
  { title: 'Environment', render: status => status.environment },
  { title: 'Status', render: status => <InstallationChip status={status} /> },
  {
    title: 'Version',
    render: status => (
      <VersionText version={status.version} driftFrom={status.driftFrom} />
    ),
  },
  { title: 'Replicas ready', render: status => status.replicas ?? '-' },
  { title: 'Namespace', render: status => status.namespace ?? '-' },
];

/**
 * Card of a runtime Component: per environment whether it is installed, its version, readiness and
 * replicas, from the annotations the catalog module writes (no backend call). A version that differs
 * from the other environments' (drift) is highlighted.
 */
export function RuntimeComponentStatusCard() {
  const { entity } = useEntity();
  const installations = annotatedEnvironments(entity).map(env =>
    installationStatus(entity, env),
  );
  const drifting = driftingEnvironments(installations);
  const statuses: InstallationRow[] = installations.map(status =>
    drifting.has(status.environment)
      ? {
          ...status,
          driftFrom: otherVersions(installations, status.environment),
        }
      : status,
  );
  return (
    <InfoCard
      title="Installations"
      subheader={
        drifting.size > 0
          ? 'Per Runtime environment, as the catalog last discovered it: versions differ between environments'
          : 'Per Runtime environment, as the catalog last discovered it'
      }
    >
      {statuses.length === 0 ? (
        <Typography variant="body2">
          No environment has reported this component yet: the Runtime catalog
          module adds its installations on its next run.
        </Typography>
      ) : (
        <CompactTable
          label="Installations"
          columns={installationColumns}
          rows={statuses}
        />
      )}
    </InfoCard>
  );
}
