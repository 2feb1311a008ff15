import { StatusChip } from '../shared';
import { INSTALLATION_STATES, InstallationStatus } from './installationStatus';

/** A chip with a component's installation state in one environment; version and replicas in its tooltip. */
export function InstallationChip(props: {
  status: InstallationStatus;
  /** Put before the state, e.g. the environment's title. */
  prefix?: string;
}) {
  const { status, prefix } = props;
  const { label, tone } = INSTALLATION_STATES[status.state];
  const details = [
    status.version && `version ${status.version}`,
    status.replicas && `${status.replicas} replicas ready`,
    status.namespace && `namespace ${status.namespace}`,
  ].filter(Boolean);
  return (
    <StatusChip
      label={prefix ? `${prefix}: ${label}` : label}
      tone={tone}
      title={details.length ? details.join(', ') : undefined}
    />
  );
}
