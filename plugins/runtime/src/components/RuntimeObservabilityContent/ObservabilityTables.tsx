import { Box, Chip, makeStyles } from '@material-ui/core';
import { Link, TableColumn } from '@backstage/core-components';
import {
  RuntimeDashboardLink,
  RuntimeFiringAlert,
  RuntimeLogLine,
  RuntimeTraceSummary,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EmptyNote,
  formatRelativeTime,
  formatTimestamp,
  CompactTable,
  severityTone,
  StatusChip,
} from '../shared';

const useStyles = makeStyles(theme => ({
  logs: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    maxHeight: 360,
    overflow: 'auto',
    margin: 0,
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  time: { color: theme.palette.text.secondary, marginRight: theme.spacing(1) },
}));

/** A relative time with the full timestamp as its tooltip. */
const Since = (props: { iso: string }) => (
  <span title={formatTimestamp(props.iso)}>
    {formatRelativeTime(props.iso)}
  </span>
);

const alertColumns: TableColumn<RuntimeFiringAlert>[] = [
  {
    title: 'Severity',
    render: a => (
      <StatusChip label={a.severity} tone={severityTone(a.severity)} />
    ),
  },
  {
    title: 'Alert',
    render: a => (a.url ? <Link to={a.url}>{a.name}</Link> : a.name),
  },
  { title: 'Summary', render: a => a.summary ?? a.description ?? '' },
  { title: 'State', render: a => a.state },
  {
    title: 'Since',
    render: a => <Since iso={a.startsAt} />,
  },
];

/** Firing alerts: severity, name, summary, state and since when. */
export function AlertsTable(props: { alerts: RuntimeFiringAlert[] }) {
  return (
    <CompactTable
      label="Firing alerts"
      emptyText="No firing alerts"
      columns={alertColumns}
      rows={props.alerts}
    />
  );
}

/**
 * Recent error log lines in monospace, each with its timestamp, in a named region that scrolls past
 * 360 px and is in the tab order so that it can be scrolled from the keyboard.
 */
export function LogLines(props: { lines: RuntimeLogLine[]; range: string }) {
  const classes = useStyles();
  if (props.lines.length === 0) {
    return <EmptyNote>No error log lines in the last {props.range}</EmptyNote>;
  }
  return (
    <pre
      className={classes.logs}
      role="region"
      aria-label="Error log lines"
      tabIndex={0}
    >
      {props.lines.map((l, i) => (
        <div key={`${l.timestamp}-${i}`}>
          <span className={classes.time}>{formatTimestamp(l.timestamp)}</span>
          {l.line}
        </div>
      ))}
    </pre>
  );
}

const traceColumns: TableColumn<RuntimeTraceSummary>[] = [
  {
    title: 'Trace',
    render: t =>
      t.url ? (
        <Link to={t.url}>{t.traceId.slice(0, 16)}</Link>
      ) : (
        t.traceId.slice(0, 16)
      ),
    cellStyle: { fontFamily: 'monospace' },
  },
  {
    title: 'Root span',
    render: t => (
      <>
        {t.rootService}: {t.rootName}
      </>
    ),
  },
  {
    title: 'Duration',
    align: 'right',
    render: t =>
      t.durationMs >= 1000
        ? `${(t.durationMs / 1000).toFixed(2)} s`
        : `${Math.round(t.durationMs)} ms`,
  },
  {
    title: 'Started',
    render: t => <Since iso={t.startedAt} />,
  },
];

/** Recent slow or failed traces: id (linked when a URL is known), root span, duration, start. */
export function TracesTable(props: { traces: RuntimeTraceSummary[] }) {
  return (
    <CompactTable
      label="Traces"
      emptyText="No traces found"
      columns={traceColumns}
      rows={props.traces}
    />
  );
}

const dashboardColumns: TableColumn<RuntimeDashboardLink>[] = [
  {
    title: 'Dashboard',
    render: d => (
      <a href={d.url} target="_blank" rel="noopener noreferrer">
        {d.title}
      </a>
    ),
  },
  { title: 'Folder', render: d => d.folder ?? '' },
  {
    title: 'Tags',
    render: d => (
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {d.tags.map(tag => (
          <Chip key={tag} size="small" label={tag} />
        ))}
      </Box>
    ),
  },
];

/** Grafana dashboards of the entity, each opening in a new tab. */
export function DashboardLinks(props: { dashboards: RuntimeDashboardLink[] }) {
  return (
    <CompactTable
      label="Dashboards"
      emptyText="No dashboards match this entity"
      columns={dashboardColumns}
      rows={props.dashboards}
    />
  );
}
