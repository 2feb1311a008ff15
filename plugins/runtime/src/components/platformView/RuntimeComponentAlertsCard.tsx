import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { componentAlertRows } from './componentAlertRows';
import {
  ComponentAlertsNotices,
  ComponentAlertsTable,
} from './ComponentAlertsTable';
import { useComponentAlerts } from './useComponentAlerts';

/**
 * Card of the firing alerts of every runtime component across all environments (one request to the
 * runtime backend's `GET /alerts`), most severe first, each linking to its component's page. An
 * environment whose Alertmanager cannot be read says so on its own line; the others still show.
 *
 * @public
 */
export function RuntimeComponentAlertsCard() {
  const { value, loading, error } = useComponentAlerts();
  const shown = value && componentAlertRows(value);
  return (
    <InfoCard
      title="Firing alerts"
      subheader="Alerts of the runtime components, in every environment"
    >
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel
          error={error}
          title="Could not read the runtime components' alerts"
        />
      )}
      {shown && (
        <>
          <ComponentAlertsNotices notices={shown.notices} />
          <ComponentAlertsTable rows={shown.rows} />
        </>
      )}
    </InfoCard>
  );
}
