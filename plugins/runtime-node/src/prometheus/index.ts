export { PrometheusClient } from './PrometheusClient';
export {
  DEFAULT_PROMETHEUS_QUERIES,
  renderQuery,
  escapePromqlString,
} from './defaultQueries';
export type {
  PrometheusQueryTemplate,
  PrometheusQueryVariables,
} from './defaultQueries';
export type {
  PrometheusInstantResult,
  PrometheusInstantSample,
  PrometheusPoint,
  PrometheusQueryOptions,
  PrometheusRangeQueryOptions,
  PrometheusRangeResult,
  PrometheusRangeSeries,
} from './types';
