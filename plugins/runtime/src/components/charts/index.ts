export { MetricLineChart } from './MetricLineChart';
export { MetricTrendLine } from './MetricTrendLine';
export { groupMetricSeries } from './metricChartGroups';
export type { MetricChartGroup } from './metricChartGroups';
