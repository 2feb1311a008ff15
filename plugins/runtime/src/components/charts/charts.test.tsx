import {
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { RuntimeMetricSeries } from '@runtime-portal/backstage-plugin-runtime-common';
import { chartRows, formatTooltipTime, timeSpan } from './chartRows';
import { groupMetricSeries } from './metricChartGroups';
import { MetricLineChart } from './MetricLineChart';
import { MetricTrendLine } from './MetricTrendLine';

const metric = (
  id: RuntimeMetricSeries['id'],
  title: string,
  values: number[],
  unit: RuntimeMetricSeries['unit'] = 'seconds',
): RuntimeMetricSeries => ({
  id,
  title,
  unit,
  points: values.map((v, i) => [1764583200 + i * 60, v]),
});

describe('groupMetricSeries', () => {
  it('puts the latency percentiles on one chart as p50, p95, p99 and keeps the others apart', () => {
    const groups = groupMetricSeries([
      metric('requestRate', 'Request rate', [1], 'requests/s'),
      metric('latencyP99', 'Latency p99', [0.9]),
      metric('latencyP50', 'Latency p50', [0.1]),
      metric('latencyP95', 'Latency p95', [0.5]),
      metric('errorRatio', 'Error ratio', [0], 'ratio'),
    ]);
    expect(groups.map(g => [g.title, g.lines.map(l => l.name)])).toEqual([
      ['Request rate', ['Request rate']],
      ['Latency', ['p50', 'p95', 'p99']],
      ['Error ratio', ['Error ratio']],
    ]);
    expect(groups[1].series.map(s => s.id)).toEqual([
      'latencyP50',
      'latencyP95',
      'latencyP99',
    ]);
  });

  it('keeps the title of a lone percentile', () => {
    const [group] = groupMetricSeries([
      metric('latencyP95', 'Latency p95', [0.5]),
    ]);
    expect(group.title).toBe('Latency p95');
    expect(group.lines.map(l => l.name)).toEqual(['p95']);
  });
});

describe('chartRows', () => {
  it('merges the lines by time, in time order, skipping non-finite values', () => {
    const rows = chartRows([
      {
        name: 'p50',
        points: [
          [120, 2],
          [60, 1],
        ],
      },
      {
        name: 'p95',
        points: [
          [60, 5],
          [180, NaN],
        ],
      },
    ]);
    expect(rows).toEqual([
      { time: 60, p50: 1, p95: 5 },
      { time: 120, p50: 2 },
    ]);
    expect(timeSpan(rows)).toBe(60);
    expect(chartRows([{ name: 'x', points: [[1, Infinity]] }])).toEqual([]);
    expect(timeSpan([])).toBe(0);
  });

  it('formats a tooltip time as a UTC timestamp', () => {
    expect(formatTooltipTime(1764583200)).toBe('2025-12-01 10:00:00 UTC');
    expect(formatTooltipTime('x')).toBe('x');
  });
});

describe('MetricLineChart', () => {
  const latency = groupMetricSeries([
    metric('latencyP50', 'Latency p50', [0.08, 0.09]),
    metric('latencyP95', 'Latency p95', [0.2, 0.3]),
    metric('latencyP99', 'Latency p99', [0.5, 1.2]),
  ])[0];

  it('draws one line per series with a legend and value axis in the unit', () => {
    const { container } = render(
      <MetricLineChart
        title="Latency chart"
        unit="seconds"
        lines={latency.lines}
        width={480}
        height={200}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Latency chart' });
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(3);
    const legend = container.querySelector('.recharts-legend-wrapper');
    expect(legend).not.toBeNull();
    for (const name of ['p50', 'p95', 'p99']) {
      expect(within(legend as HTMLElement).getByText(name)).toBeInTheDocument();
    }
    expect(within(chart).getAllByText(/ s$| ms$/).length).toBeGreaterThan(0);
  });

  it('shows the time and each value in its unit in the tooltip on hover', async () => {
    const { container } = render(
      <MetricLineChart
        title="Latency chart"
        unit="seconds"
        lines={latency.lines}
        width={480}
        height={200}
      />,
    );
    const wrapper = container.querySelector('.recharts-wrapper')!;
    fireEvent.mouseMove(wrapper, { clientX: 450, clientY: 100 });
    const tooltip = container.querySelector(
      '.recharts-tooltip-wrapper',
    ) as HTMLElement;
    // the tooltip follows the pointer on the next animation frame
    await waitFor(() =>
      expect(
        within(tooltip).getByText('2025-12-01 10:01:00 UTC'),
      ).toBeInTheDocument(),
    );
    const items = within(tooltip)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(items).toEqual(['p50 : 90 ms', 'p95 : 300 ms', 'p99 : 1.2 s']);
  });

  it('has no legend for a single series', () => {
    const { container } = render(
      <MetricLineChart
        title="Request rate chart"
        unit="requests/s"
        lines={[{ name: 'Request rate', points: [[1, 2]] }]}
        width={480}
        height={200}
      />,
    );
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(1);
    expect(container.querySelector('.recharts-legend-wrapper')).toBeNull();
  });

  it('says when there is no data', () => {
    render(
      <MetricLineChart
        title="Latency chart"
        unit="seconds"
        lines={[{ name: 'p50', points: [[1, NaN]] }]}
      />,
    );
    expect(
      screen.getByRole('img', { name: 'Latency chart: no data' }),
    ).toHaveTextContent('No data in this range');
  });
});

describe('MetricTrendLine', () => {
  it('draws a trend line with an accessible name', () => {
    const { container } = render(
      <MetricTrendLine
        title="Request rate trend"
        points={[
          [1, 2],
          [2, 4],
        ]}
      />,
    );
    expect(
      screen.getByRole('img', { name: 'Request rate trend' }),
    ).toBeInTheDocument();
    expect(container.querySelector('svg polyline')).toBeInTheDocument();
  });

  it('shows a dash without data', () => {
    const { container } = render(
      <MetricTrendLine title="Request rate trend" points={[[1, NaN]]} />,
    );
    expect(
      screen.getByRole('img', { name: 'Request rate trend: no data' }),
    ).toHaveTextContent('–');
    expect(container.querySelector('svg')).toBeNull();
  });
});
