import {
  RuntimeMetricId,
  RuntimeMetricSeries,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';

const GOLDEN_SIGNALS: RuntimeMetricId[] = [
  'requestRate',
  'errorRatio',
  'latencyP95',
];

const INFERENCE_SIGNALS: RuntimeMetricId[] = [
  'timeToFirstTokenP95',
  'tokensPerSecond',
  'requestsWaiting',
  'kvCacheUsage',
];

/**
 * The series an overview card shows, in a fixed order: request rate, error ratio and p95 latency,
 * and for inference endpoints also time to first token, tokens/s, waiting requests and KV cache.
 */
export function cardMetrics(
  series: RuntimeMetricSeries[],
  profile: RuntimeObservabilityReport['profile'],
): RuntimeMetricSeries[] {
  const ids =
    profile === 'inference-endpoint'
      ? [...GOLDEN_SIGNALS, ...INFERENCE_SIGNALS]
      : GOLDEN_SIGNALS;
  return ids.flatMap(id => series.filter(s => s.id === id));
}

/** The current value of a series: the reported one, else its last point. */
export function currentValue(series: RuntimeMetricSeries): number | undefined {
  if (series.current !== undefined) return series.current;
  return series.points.length
    ? series.points[series.points.length - 1][1]
    : undefined;
}
