export {
  startPrometheusServer,
  DEFAULT_PROMETHEUS_HISTORY_SECONDS,
} from './startPrometheusServer';
export type { PrometheusServerOptions } from './startPrometheusServer';
