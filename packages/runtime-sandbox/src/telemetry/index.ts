export { telemetryTargets } from './telemetryTargets';
export type { TelemetryTarget } from './telemetryTargets';
export {
  TelemetryModel,
  HTTP_DURATION_BUCKETS,
  VLLM_TTFT_BUCKETS,
  VLLM_E2E_BUCKETS,
  GENERATION_TOKENS_PER_REQUEST,
  PROMPT_TOKENS_PER_REQUEST,
} from './TelemetryModel';
export type {
  TelemetryMetricFamily,
  TelemetryModelOptions,
  TelemetrySeries,
} from './TelemetryModel';
export {
  requestRateAt,
  requestsBetween,
  errorRatioOf,
  trafficWave,
  TRAFFIC_PERIOD_SECONDS,
  TRAFFIC_AMPLITUDE,
} from './trafficModel';
export { LatencyDistribution } from './latencyDistribution';
export {
  renderExposition,
  formatSampleValue,
  EXPOSITION_CONTENT_TYPE,
} from './exposition';
export { metricsHandler } from './metricsHandler';
export { startTelemetryServer } from './startTelemetryServer';
export type { TelemetryServerOptions } from './startTelemetryServer';
