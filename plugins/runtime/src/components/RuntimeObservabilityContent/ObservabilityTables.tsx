import {
  Box,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
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
  },
  time: { color: theme.palette.text.secondary, marginRight: theme.spacing(1) },
  mono: { fontFamily: 'monospace' },
}));

/** Firing alerts: severity, name, summary, state and since when. */
export function AlertsTable(props: { alerts: RuntimeFiringAlert[] }) {
  if (props.alerts.length === 0) return <EmptyNote>No firing alerts</EmptyNote>;
  return (
    <Table size="small" aria-label="Firing alerts">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Alert</TableCell>
          <TableCell>Summary</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Since</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.alerts.map(a => (
          <TableRow key={`${a.name}-${a.startsAt}`}>
            <TableCell>
              <StatusChip label={a.severity} tone={severityTone(a.severity)} />
            </TableCell>
            <TableCell>
              {a.url ? <Link to={a.url}>{a.name}</Link> : a.name}
            </TableCell>
            <TableCell>{a.summary ?? a.description ?? ''}</TableCell>
            <TableCell>{a.state}</TableCell>
            <TableCell title={formatTimestamp(a.startsAt)}>
              {formatRelativeTime(a.startsAt)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Recent error log lines in monospace, each with its timestamp. */
export function LogLines(props: { lines: RuntimeLogLine[]; range: string }) {
  const classes = useStyles();
  if (props.lines.length === 0) {
    return <EmptyNote>No error log lines in the last {props.range}</EmptyNote>;
  }
  return (
    <pre className={classes.logs} aria-label="Error log lines">
      {props.lines.map((l, i) => (
        <div key={`${l.timestamp}-${i}`}>
          <span className={classes.time}>{formatTimestamp(l.timestamp)}</span>
          {l.line}
        </div>
      ))}
    </pre>
  );
}

/** Recent slow or failed traces: id (linked when a URL is known), root span, duration, start. */
export function TracesTable(props: { traces: RuntimeTraceSummary[] }) {
  const classes = useStyles();
  if (props.traces.length === 0) return <EmptyNote>No traces found</EmptyNote>;
  return (
    <Table size="small" aria-label="Traces">
      <TableHead>
        <TableRow>
          <TableCell>Trace</TableCell>
          <TableCell>Root span</TableCell>
          <TableCell align="right">Duration</TableCell>
          <TableCell>Started</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.traces.map(t => (
          <TableRow key={t.traceId}>
            <TableCell className={classes.mono}>
              {t.url ? (
                <Link to={t.url}>{t.traceId.slice(0, 16)}</Link>
              ) : (
                t.traceId.slice(0, 16)
              )}
            </TableCell>
            <TableCell>
              {t.rootService}: {t.rootName}
            </TableCell>
            <TableCell align="right">
              {t.durationMs >= 1000
                ? `${(t.durationMs / 1000).toFixed(2)} s`
                : `${Math.round(t.durationMs)} ms`}
            </TableCell>
            <TableCell title={formatTimestamp(t.startedAt)}>
              {formatRelativeTime(t.startedAt)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Grafana dashboards of the entity, each opening in a new tab. */
export function DashboardLinks(props: { dashboards: RuntimeDashboardLink[] }) {
  if (props.dashboards.length === 0) {
    return <EmptyNote>No dashboards match this entity</EmptyNote>;
  }
  return (
    <Table size="small" aria-label="Dashboards">
      <TableHead>
        <TableRow>
          <TableCell>Dashboard</TableCell>
          <TableCell>Folder</TableCell>
          <TableCell>Tags</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.dashboards.map(d => (
          <TableRow key={d.uid}>
            <TableCell>
              <a href={d.url} target="_blank" rel="noopener noreferrer">
                {d.title}
              </a>
            </TableCell>
            <TableCell>{d.folder ?? ''}</TableCell>
            <TableCell>
              <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                {d.tags.map(tag => (
                  <Chip key={tag} size="small" label={tag} />
                ))}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
