import { formatTimestamp } from '../shared';
import { ChartLine } from './metricChartGroups';

/** One row of chart data: a time (unix seconds) and the value of each line at that time. */
export type ChartRow = { time: number } & Record<string, number>;

/**
 * Merges the `[unix seconds, value]` points of several lines into rows by time, in time order,
 * keyed by each line's name; non-finite points are left out, so a line has gaps where it has none.
 */
export function chartRows(lines: ChartLine[]): ChartRow[] {
  const byTime = new Map<number, ChartRow>();
  for (const line of lines) {
    for (const [time, value] of line.points) {
      if (!Number.isFinite(time) || !Number.isFinite(value)) continue;
      const row = byTime.get(time) ?? ({ time } as ChartRow);
      row[line.name] = value;
      byTime.set(time, row);
    }
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** The seconds between the first and the last row. */
export function timeSpan(rows: ChartRow[]): number {
  return rows.length ? rows[rows.length - 1].time - rows[0].time : 0;
}

/** The time of a tooltip (unix seconds) as a full UTC timestamp. */
export function formatTooltipTime(label: unknown): string {
  return typeof label === 'number' && Number.isFinite(label)
    ? formatTimestamp(new Date(label * 1000).toISOString())
    : String(label ?? '');
}
