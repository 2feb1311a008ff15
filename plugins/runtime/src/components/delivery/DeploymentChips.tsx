import { Box } from '@material-ui/core';
import { RuntimeDeployment } from '@runtime-portal/backstage-plugin-runtime-common';
import { appHealthTone, StatusChip, syncPhaseTone, syncTone } from '../shared';

/** Sync and health chips of an Argo CD application (OutOfSync and Degraded in red). */
export function DeploymentChips(props: { deployment: RuntimeDeployment }) {
  const d = props.deployment;
  return (
    <Box display="inline-flex" flexWrap="wrap" style={{ gap: 4 }}>
      <StatusChip label={d.syncStatus} tone={syncTone(d.syncStatus)} />
      <StatusChip label={d.healthStatus} tone={appHealthTone(d.healthStatus)} />
    </Box>
  );
}

/** The last sync operation's phase as a chip, with its message as tooltip. */
export function LastSyncChip(props: { deployment: RuntimeDeployment }) {
  const sync = props.deployment.lastSync;
  if (!sync) return null;
  return (
    <StatusChip
      label={`Sync ${sync.phase}`}
      tone={syncPhaseTone(sync.phase)}
      title={sync.message}
    />
  );
}
