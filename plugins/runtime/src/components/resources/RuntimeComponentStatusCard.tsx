import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InstallationChip } from './InstallationChip';
import {
  annotatedEnvironments,
  installationStatus,
} from './installationStatus';

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
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Environment</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Replicas ready</TableCell>
              <TableCell>Namespace</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {statuses.map(status => (
              <TableRow key={status.environment}>
                <TableCell>{status.environment}</TableCell>
                <TableCell>
                  <InstallationChip status={status} />
                </TableCell>
                <TableCell>{status.version ?? '-'}</TableCell>
                <TableCell>{status.replicas ?? '-'}</TableCell>
                <TableCell>{status.namespace ?? '-'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
