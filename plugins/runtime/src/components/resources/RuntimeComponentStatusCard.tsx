import { InfoCard, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { CompactTable } from '../shared';
import { InstallationChip } from './InstallationChip';
import {
  annotatedEnvironments,
  InstallationStatus,
  installationStatus,
} from './installationStatus';

const installationColumns: TableColumn<InstallationStatus>[] = [
  { title: 'Environment', render: status => status.environment },
  { title: 'Status', render: status => <InstallationChip status={status} /> },
  { title: 'Version', render: status => status.version ?? '-' },
  { title: 'Replicas ready', render: status => status.replicas ?? '-' },
  { title: 'Namespace', render: status => status.namespace ?? '-' },
];

/**
 * Card of a runtime Component: per environment whether it is installed, its version, readiness and
 * replicas, from the annotations the catalog module writes (no backend call).
 */
export function RuntimeComponentStatusCard() {
  const { entity } = useEntity();
  const statuses = annotatedEnvironments(entity).map(env =>
    installationStatus(entity, env),
  );
  return (
    <InfoCard
      title="Installations"
      subheader="Per Runtime environment, as the catalog last discovered it"
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
