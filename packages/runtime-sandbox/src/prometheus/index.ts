export {
  startPrometheusServer,
  DEFAULT_PROMETHEUS_HISTORY_SECONDS,
} from './startPrometheusServer';
export type { PrometheusServerOptions } from './startPrometheusServer';
export { parsePromql } from './parsePromql';
export { PromqlEvaluator } from './evaluate';
export { runInstantQuery, runRangeQuery } from './runQuery';
export { PrometheusApiError } from './PrometheusApiError';
