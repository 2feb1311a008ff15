import { ReactElement } from 'react';
import { Typography, useTheme } from '@material-ui/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { RuntimeMetricSeries } from '@runtime-portal/backstage-plugin-runtime-common';
import { formatAxisTime, formatMetricValue } from '../shared';
import { ChartLine } from './metricChartGroups';
import { chartRows, formatTooltipTime, timeSpan } from './chartRows';

/** Props of {@link MetricLineChart}. */
export interface MetricLineChartProps {
  /** Accessible name of the chart, e.g. `Latency chart`. */
  title: string;
  unit: RuntimeMetricSeries['unit'];
  /** One line per series; several lines share the axes and the tooltip. */
  lines: ChartLine[];
  /** A fixed size in pixels; without it the chart fills its container. */
  width?: number;
  height?: number;
}

/**
 * A recharts line chart of one or more metric series over time, with value and time axes, a legend
 * when there are several lines, and a hover tooltip giving the time and each value in its unit.
 */
export function MetricLineChart(props: MetricLineChartProps) {
  const theme = useTheme();
  const rows = chartRows(props.lines);
  const height = props.height ?? 170;
  if (rows.length === 0) {
    return (
      <div role="img" aria-label={`${props.title}: no data`}>
        <Typography variant="body2" color="textSecondary" align="center">
          No data in this range
        </Typography>
      </div>
    );
  }
  const span = timeSpan(rows);
  const colors = [
    theme.palette.primary.main,
    theme.palette.warning.main,
    theme.palette.error.main,
    theme.palette.success.main,
  ];
  const formatValue = (value: unknown) =>
    formatMetricValue(
      typeof value === 'number' ? value : undefined,
      props.unit,
    );
  const axisTick = { fontSize: 11, fill: theme.palette.text.secondary };

  const chart: ReactElement = (
    <LineChart
      data={rows}
      width={props.width}
      height={props.width ? height : undefined}
      margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={theme.palette.divider} vertical={false} />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={t => formatAxisTime(t, span)}
        tick={axisTick}
        minTickGap={24}
      />
      <YAxis tickFormatter={formatValue} tick={axisTick} width={72} />
      <Tooltip
        formatter={value => formatValue(value)}
        labelFormatter={label => formatTooltipTime(label)}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
        }}
      />
      {props.lines.length > 1 && <Legend />}
      {props.lines.map((line, index) => (
        <Line
          key={line.name}
          dataKey={line.name}
          name={line.name}
          type="monotone"
          stroke={colors[index % colors.length]}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </LineChart>
  );

  return (
    <div role="img" aria-label={props.title}>
      {props.width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </div>
  );
}
