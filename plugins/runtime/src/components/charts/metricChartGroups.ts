import {
  RuntimeMetricId,
  RuntimeMetricSeries,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** One line of a chart: its legend name and its `[unix seconds, value]` points. */
export interface ChartLine {
  name: string;
  points: Array<[number, number]>;
}

/** The metrics drawn on one chart: a title, their common unit and one line per series. */
export interface MetricChartGroup {
  /** The id of the group's first series, unique within a report. */
  id: string;
  title: string;
  unit: RuntimeMetricSeries['unit'];
  lines: ChartLine[];
  /** The series of the group, in the order of `lines`. */
  series: RuntimeMetricSeries[];
}

/** Series drawn together on one chart, each under its legend name. */
const SHARED_CHARTS: Array<{
  title: string;
  members: Array<{ id: RuntimeMetricId; name: string }>;
}> = [
  {
    title: 'Latency',
    members: [
      { id: 'latencyP50', name: 'p50' },
      { id: 'latencyP95', name: 'p95' },
      { id: 'latencyP99', name: 'p99' },
    ],
  },
];

/**
 * Groups a report's series into charts: the latency percentiles (p50, p95, p99) share one chart,
 * every other series has its own, in the order the series first appear.
 */
export function groupMetricSeries(
  series: RuntimeMetricSeries[],
): MetricChartGroup[] {
  const groups: MetricChartGroup[] = [];
  const placed = new Set<RuntimeMetricSeries>();
  for (const s of series) {
    if (placed.has(s)) continue;
    const shared = SHARED_CHARTS.find(c => c.members.some(m => m.id === s.id));
    const members = shared
      ? shared.members.flatMap(m =>
          series
            .filter(other => other.id === m.id && other.unit === s.unit)
            .map(other => ({ series: other, name: m.name })),
        )
      : [{ series: s, name: s.title }];
    members.forEach(m => placed.add(m.series));
    groups.push({
      id: s.id,
      title: shared && members.length > 1 ? shared.title : s.title,
      unit: s.unit,
      lines: members.map(m => ({ name: m.name, points: m.series.points })),
      series: members.map(m => m.series),
    });
  }
  return groups;
}
