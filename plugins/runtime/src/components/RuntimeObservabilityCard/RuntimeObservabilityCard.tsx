import {
  Box,
  Divider,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  RuntimeEnvironmentObservability,
  RuntimeObservabilityRange,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { useRuntimeObservability } from '../../hooks/useRuntimeReports';
import { useEntityTabLink } from '../../hooks/useEntityTabLink';
import { MetricTrendLine } from '../charts';
import {
  AlertList,
  cardMetrics,
  currentValue,
  HealthChip,
} from '../observability';
import {
  EmptyNote,
  formatMetricValue,
  ReportError,
  SignalView,
} from '../shared';

const useStyles = makeStyles(theme => ({
  environment: { '& + &': { marginTop: theme.spacing(2) } },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  value: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  cell: { padding: theme.spacing(0.5, 1, 0.5, 0), borderBottom: 'none' },
}));

/**
 * Props of {@link RuntimeObservabilityCard}.
 *
 * @public
 */
export interface RuntimeObservabilityCardProps {
  /** The time range of the sparklines; `1h` unless given. */
  range?: RuntimeObservabilityRange;
  /** The path of the Observability tab on the entity page; `observability` unless given. */
  tabPath?: string;
}

/**
 * Entity overview card: health per environment, golden signals with sparklines and firing alerts,
 * with a link to the Observability tab.
 */
export function RuntimeObservabilityCard(props: RuntimeObservabilityCardProps) {
  const range = props.range ?? '1h';
  const { value, loading, error } = useRuntimeObservability(range);
  const detailsLink = useEntityTabLink(props.tabPath ?? 'observability');

  let body;
  if (error) body = <ReportError error={error} what="observability" />;
  else if (loading || !value) body = <Progress />;
  else if (value.environments.length === 0) {
    body = (
      <EmptyNote>
        No Runtime environment reports observability for this entity.
      </EmptyNote>
    );
  } else {
    body = value.environments.map(env => (
      <EnvironmentSummary
        key={env.environment}
        env={env}
        profile={value.profile}
        multiple={value.environments.length > 1}
      />
    ));
  }

  return (
    <InfoCard
      title="Observability"
      subheader={`Last ${range}`}
      deepLink={{ title: 'View details', link: detailsLink }}
    >
      {body}
    </InfoCard>
  );
}

function EnvironmentSummary(props: {
  env: RuntimeEnvironmentObservability;
  profile: RuntimeObservabilityReport['profile'];
  multiple: boolean;
}) {
  const { env, profile } = props;
  const classes = useStyles();
  return (
    <section
      className={classes.environment}
      aria-label={`Environment ${env.environment}`}
    >
      <div className={classes.header}>
        <Typography variant="subtitle2">{env.environment}</Typography>
        <HealthChip health={env.health} />
      </div>
      <SignalView label="Metrics" signal={env.metrics}>
        {series => {
          const shown = cardMetrics(series, profile);
          if (shown.length === 0) {
            return <EmptyNote>No metrics in this range</EmptyNote>;
          }
          return (
            <Table size="small" aria-label={`Metrics in ${env.environment}`}>
              <TableBody>
                {shown.map(s => (
                  <TableRow key={s.id}>
                    <TableCell className={classes.cell}>{s.title}</TableCell>
                    <TableCell className={`${classes.cell} ${classes.value}`}>
                      {formatMetricValue(currentValue(s), s.unit)}
                    </TableCell>
                    <TableCell className={classes.cell} align="right">
                      <MetricTrendLine
                        points={s.points}
                        title={`${s.title} trend`}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          );
        }}
      </SignalView>
      <Box mt={1}>
        <Typography variant="overline" component="h3">
          Firing alerts
        </Typography>
        <SignalView label="Alerts" signal={env.alerts}>
          {alerts => <AlertList alerts={alerts} />}
        </SignalView>
      </Box>
      {props.multiple && <Divider />}
    </section>
  );
}
