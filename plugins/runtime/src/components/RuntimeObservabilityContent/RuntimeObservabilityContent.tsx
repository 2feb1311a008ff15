import { useState } from 'react';
import {
  Box,
  Grid,
  LinearProgress,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { InfoCard, Progress, EmptyState } from '@backstage/core-components';
import {
  RUNTIME_OBSERVABILITY_RANGES,
  RuntimeEnvironmentObservability,
  RuntimeObservabilityRange,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { useRuntimeObservability } from '../../hooks/useRuntimeReports';
import {
  groupMetricSeries,
  MetricChartGroup,
  MetricLineChart,
} from '../charts';
import { currentValue, HealthChip } from '../observability';
import {
  EmptyNote,
  formatMetricValue,
  ReportError,
  SignalView,
} from '../shared';
import {
  AlertsTable,
  DashboardLinks,
  LogLines,
  TracesTable,
} from './ObservabilityTables';
import { ExtraSignalCards } from './ExtraSignalCards';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The Observability tab: time range and environment pickers, a chart per metric, firing alerts,
 * recent error logs, traces and dashboard links, and a card per signal a backend module added; each
 * panel shows why when its upstream is missing.
 */
export function RuntimeObservabilityContent() {
  const classes = useStyles();
  const [range, setRange] = useState<RuntimeObservabilityRange>('1h');
  const [picked, setPicked] = useState<string | undefined>();
  const { value, loading, error } = useRuntimeObservability(range);

  if (error) return <ReportError error={error} what="observability" />;
  if (!value) return <Progress />;
  if (value.environments.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No observability"
        description="No Runtime environment reports observability for this entity."
      />
    );
  }
  const env =
    value.environments.find(e => e.environment === picked) ??
    value.environments[0];

  return (
    <>
      <div className={classes.toolbar}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={range}
          aria-label="Time range"
          onChange={(_, next) => next && setRange(next)}
        >
          {RUNTIME_OBSERVABILITY_RANGES.map(r => (
            <ToggleButton key={r} value={r} aria-label={`Last ${r}`}>
              {r}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {value.environments.length > 1 && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={env.environment}
            aria-label="Environment"
            onChange={(_, next) => next && setPicked(next)}
          >
            {value.environments.map(e => (
              <ToggleButton key={e.environment} value={e.environment}>
                {e.environment}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
        <Typography variant="subtitle1">{env.environment}</Typography>
        <HealthChip health={env.health} />
      </div>
      {loading && <LinearProgress aria-label="Refreshing" />}
      <EnvironmentDetails env={env} range={range} />
    </>
  );
}

function EnvironmentDetails(props: {
  env: RuntimeEnvironmentObservability;
  range: RuntimeObservabilityRange;
}) {
  const { env, range } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SignalView label="Metrics" signal={env.metrics}>
          {series =>
            series.length === 0 ? (
              <InfoCard title="Metrics">
                <EmptyNote>No metrics in the last {range}</EmptyNote>
              </InfoCard>
            ) : (
              <Grid container spacing={2}>
                {groupMetricSeries(series).map(group => (
                  <Grid item xs={12} md={6} lg={4} key={group.id}>
                    <MetricChart group={group} />
                  </Grid>
                ))}
              </Grid>
            )
          }
        </SignalView>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Firing alerts">
          <SignalView label="Alerts" signal={env.alerts}>
            {alerts => <AlertsTable alerts={alerts} />}
          </SignalView>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Recent error logs">
          <SignalView label="Logs" signal={env.logs}>
            {lines => <LogLines lines={lines} range={range} />}
          </SignalView>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Traces">
          <SignalView label="Traces" signal={env.traces}>
            {traces => <TracesTable traces={traces} />}
          </SignalView>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="Dashboards">
          <SignalView label="Dashboards" signal={env.dashboards}>
            {dashboards => <DashboardLinks dashboards={dashboards} />}
          </SignalView>
        </InfoCard>
      </Grid>
      <ExtraSignalCards signals={env.extraSignals} />
    </Grid>
  );
}

/** The current value of each series of a chart, e.g. `p50 80 ms · p95 245 ms`. */
function currentValues(group: MetricChartGroup): string {
  if (group.series.length === 1) {
    return formatMetricValue(currentValue(group.series[0]), group.unit);
  }
  return group.series
    .map(
      (s, i) =>
        `${group.lines[i].name} ${formatMetricValue(currentValue(s), s.unit)}`,
    )
    .join(' · ');
}

function MetricChart(props: { group: MetricChartGroup }) {
  const { group } = props;
  return (
    <InfoCard title={group.title} subheader={currentValues(group)}>
      <Box minHeight={170}>
        <MetricLineChart
          title={`${group.title} chart`}
          unit={group.unit}
          lines={group.lines}
        />
      </Box>
    </InfoCard>
  );
}
