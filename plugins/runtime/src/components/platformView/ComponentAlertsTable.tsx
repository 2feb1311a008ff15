import { Link, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CompactTable,
  formatRelativeTime,
  formatTimestamp,
  severityTone,
  SignalView,
  StatusChip,
} from '../shared';
import { ComponentAlertRow, ComponentAlertsNotice } from './componentAlertRows';

const columns: TableColumn<ComponentAlertRow>[] = [
  {
    title: 'Severity',
    render: row => (
      <StatusChip
        label={row.alert.severity}
        tone={severityTone(row.alert.severity)}
      />
    ),
  },
  {
    title: 'Alert',
    render: row =>
      row.alert.url ? (
        <Link to={row.alert.url}>{row.alert.name}</Link>
      ) : (
        row.alert.name
      ),
  },
  {
    title: 'Component',
    render: row => (
      <EntityRefLink
        entityRef={row.entityRef}
        title={row.title ?? row.component}
      />
    ),
  },
  { title: 'Environment', render: row => row.environment },
  { title: 'Summary', render: row => row.alert.summary ?? '' },
  {
    title: 'Since',
    render: row => (
      <span title={formatTimestamp(row.alert.startsAt)}>
        {formatRelativeTime(row.alert.startsAt)}
        {row.alert.state === 'suppressed' ? ' · silenced' : ''}
      </span>
    ),
  },
];

/** Why some alerts are missing: one line per environment or component that could not be read. */
export function ComponentAlertsNotices(props: {
  notices: ComponentAlertsNotice[];
}) {
  return (
    <>
      {props.notices.map(({ environment, entityRef, signal }) => {
        const where = entityRef ? `${environment}, ${entityRef}` : environment;
        return (
          <SignalView
            key={`${environment}/${entityRef ?? ''}`}
            label={`Alerts in ${where}`}
            signal={{
              ...signal,
              message: signal.message && `${where}: ${signal.message}`,
            }}
          >
            {() => null}
          </SignalView>
        );
      })}
    </>
  );
}

/** The firing alerts of runtime components, each linking to its component's page. */
export function ComponentAlertsTable(props: { rows: ComponentAlertRow[] }) {
  return (
    <CompactTable
      label="Firing alerts of runtime components"
      columns={columns}
      rows={props.rows}
      emptyText="No alert is firing for a runtime component."
    />
  );
}
