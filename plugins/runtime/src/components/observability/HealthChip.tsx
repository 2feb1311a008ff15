import { RuntimeHealthState } from '@runtime-portal/backstage-plugin-runtime-common';
import { healthTone, StatusChip } from '../shared';

const TITLES: Record<RuntimeHealthState, string> = {
  healthy: 'No critical alert fires and the error ratio is below the threshold',
  degraded: 'A critical alert fires or the error ratio is above the threshold',
  unknown: 'Neither metrics nor alerts could be read',
};

/** Health at a glance of one environment: healthy, degraded or unknown. */
export function HealthChip(props: { health: RuntimeHealthState }) {
  return (
    <StatusChip
      label={props.health}
      tone={healthTone(props.health)}
      title={TITLES[props.health]}
    />
  );
}
