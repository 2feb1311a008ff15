export { MetricLineChart } from './MetricLineChart';
export type { MetricLineChartProps } from './MetricLineChart';
export { MetricTrendLine } from './MetricTrendLine';
export { groupMetricSeries } from './metricChartGroups';
export type { ChartLine, MetricChartGroup } from './metricChartGroups';
