import { RuntimeSeed } from '../seed';
import { LatencyDistribution } from './latencyDistribution';
import { TelemetryTarget, telemetryTargets } from './telemetryTargets';
import {
  errorRatioOf,
  requestRateAt,
  requestsBetween,
  trafficWave,
} from './trafficModel';

/** One time series of the model: its labels (with `__name__`) and its value at any unix time. */
export interface TelemetrySeries {
  labels: Record<string, string>;
  /** The value at unix time `t` in seconds (counters: cumulative since the model's start). */
  valueAt(t: number): number;
}

/** A metric family as the exposition format groups it (a histogram holds its `_bucket`/`_sum`/`_count`). */
export interface TelemetryMetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  series: TelemetrySeries[];
}

/** Options of {@link TelemetryModel}. */
export interface TelemetryModelOptions {
  /** Unix seconds when counters start at zero; defaults to now. Before it, no series has data. */
  startedAtSeconds?: number;
}

/** Bucket bounds (seconds) of `http_server_request_duration_seconds` (OpenTelemetry's, plus 15/30/60). */
export const HTTP_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15,
  30, 60,
];
/** Bucket bounds of `vllm:time_to_first_token_seconds` (vLLM's). */
export const VLLM_TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
  7.5, 10, 20, 40, 80,
];
/** Bucket bounds of `vllm:e2e_request_latency_seconds` (vLLM's). */
export const VLLM_E2E_BUCKETS = [
  0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480,
];
/** Output tokens per request of a simulated vLLM endpoint. */
export const GENERATION_TOKENS_PER_REQUEST = 180;
/** Prompt tokens per request of a simulated vLLM endpoint. */
export const PROMPT_TOKENS_PER_REQUEST = 420;
/** Time to first token as a share of the end-to-end latency quantiles. */
const TTFT_SHARE = 0.1;

/**
 * The sandbox's deterministic telemetry: every seeded service and inference endpoint serves traffic
 * at its seeded rate (±10 % over ten minutes), fails at its seeded error ratio and answers with its
 * seeded latency quantiles. Every series is a function of time, so counters only grow and any window
 * can be evaluated exactly; `/metrics` and the Prometheus stand-in read the same series.
 */
export class TelemetryModel {
  /** Unix seconds when the counters started at zero. */
  readonly startedAt: number;
  private readonly targetList: TelemetryTarget[];
  private readonly familyList: TelemetryMetricFamily[];
  private readonly seriesList: TelemetrySeries[];

  constructor(seed: RuntimeSeed, options: TelemetryModelOptions = {}) {
    this.startedAt = options.startedAtSeconds ?? Date.now() / 1000;
    this.targetList = telemetryTargets(seed);
    this.familyList = buildFamilies(this.targetList, this.startedAt);
    addComponentTargets(this.familyList, seed);
    this.seriesList = this.familyList.flatMap(family => family.series);
  }

  /** The services and endpoints the model covers. */
  targets(): TelemetryTarget[] {
    return this.targetList;
  }

  /** Metric families in exposition order. */
  families(): TelemetryMetricFamily[] {
    return this.familyList;
  }

  /** Every series, flat. */
  series(): TelemetrySeries[] {
    return this.seriesList;
  }

  /** Requests of the target from the model's start until `t` (unix seconds). */
  requestCount(target: TelemetryTarget, t: number): number {
    return requestsBetween(target, this.startedAt, t);
  }
}

/**
 * The scrape targets of the Runtime's own components, as Prometheus reports them in `up` when it scrapes
 * them through their Service (as a ServiceMonitor does): one series per replica with `job` and `service`
 * = the component's name, answering (1) but for the first `downReplicas` (0).
 */
function addComponentTargets(
  families: TelemetryMetricFamily[],
  seed: RuntimeSeed,
): void {
  const up = families.find(f => f.name === 'up');
  if (!up) return;
  for (const component of seed.components) {
    for (let replica = 0; replica < component.replicas; replica++) {
      up.series.push({
        labels: {
          __name__: 'up',
          job: component.name,
          namespace: component.namespace,
          service: component.name,
          instance: `${component.name}-${replica}:8080`,
        },
        valueAt: replica < (component.downReplicas ?? 0) ? () => 0 : () => 1,
      });
    }
  }
}

/** Builds the `_bucket`/`_sum`/`_count` series of one histogram family. */
class HistogramFamily {
  readonly family: TelemetryMetricFamily;

  constructor(name: string, help: string) {
    this.family = { name, type: 'histogram', help, series: [] };
  }

  add(
    labels: Record<string, string>,
    buckets: number[],
    distribution: LatencyDistribution,
    count: (t: number) => number,
  ) {
    const name = this.family.name;
    for (const le of buckets) {
      const share = distribution.cdf(le);
      this.family.series.push({
        labels: { __name__: `${name}_bucket`, ...labels, le: String(le) },
        valueAt: t => share * count(t),
      });
    }
    this.family.series.push(
      {
        labels: { __name__: `${name}_bucket`, ...labels, le: '+Inf' },
        valueAt: count,
      },
      {
        labels: { __name__: `${name}_sum`, ...labels },
        valueAt: t => distribution.mean() * count(t),
      },
      { labels: { __name__: `${name}_count`, ...labels }, valueAt: count },
    );
  }
}

function buildFamilies(
  targets: TelemetryTarget[],
  startedAt: number,
): TelemetryMetricFamily[] {
  const count = (target: TelemetryTarget) => (t: number) =>
    requestsBetween(target, startedAt, t);
  const http = new HistogramFamily(
    'http_server_request_duration_seconds',
    'Duration of HTTP server requests.',
  );
  const requests: TelemetryMetricFamily = {
    name: 'http_server_requests_total',
    type: 'counter',
    help: 'HTTP server requests by status code.',
    series: [],
  };
  const up: TelemetryMetricFamily = {
    name: 'up',
    type: 'gauge',
    help: 'Whether the service answers (1) or not (0).',
    series: [],
  };
  const vllm = vllmFamilies();

  for (const target of targets) {
    const base = { namespace: target.namespace, service: target.name };
    const { latencyMs } = target.telemetry;
    const latency = new LatencyDistribution(
      latencyMs.p50 / 1000,
      latencyMs.p95 / 1000,
      latencyMs.p99 / 1000,
    );
    const errorRatio = errorRatioOf(target);
    for (const [code, share] of [
      ['200', 1 - errorRatio],
      ['500', errorRatio],
    ] as const) {
      const labels = { ...base, http_response_status_code: code };
      const statusCount = (t: number) => share * count(target)(t);
      http.add(labels, HTTP_DURATION_BUCKETS, latency, statusCount);
      requests.series.push({
        labels: { __name__: requests.name, ...labels },
        valueAt: statusCount,
      });
    }
    up.series.push({ labels: { __name__: 'up', ...base }, valueAt: () => 1 });

    if (target.profile === 'inference-endpoint' && target.engine === 'VLLM') {
      addVllmSeries(vllm, target, latency, count(target));
    }
  }
  return [
    http.family,
    requests,
    up,
    ...Object.values(vllm.plain),
    ...vllm.histograms.map(h => h.family),
  ];
}

type VllmFamilies = ReturnType<typeof vllmFamilies>;

function vllmFamilies() {
  const family = (
    name: string,
    type: 'counter' | 'gauge',
    help: string,
  ): TelemetryMetricFamily => ({ name, type, help, series: [] });
  return {
    plain: {
      running: family(
        'vllm:num_requests_running',
        'gauge',
        'Number of requests in model execution batches.',
      ),
      waiting: family(
        'vllm:num_requests_waiting',
        'gauge',
        'Number of requests waiting to be processed.',
      ),
      kvCache: family(
        'vllm:kv_cache_usage_perc',
        'gauge',
        'KV-cache usage. 1 means 100 percent usage.',
      ),
      prompt: family(
        'vllm:prompt_tokens_total',
        'counter',
        'Number of prefill tokens processed.',
      ),
      generation: family(
        'vllm:generation_tokens_total',
        'counter',
        'Number of generation tokens processed.',
      ),
      success: family(
        'vllm:request_success_total',
        'counter',
        'Count of successfully processed requests.',
      ),
    },
    histograms: [
      new HistogramFamily(
        'vllm:time_to_first_token_seconds',
        'Histogram of time to first token in seconds.',
      ),
      new HistogramFamily(
        'vllm:e2e_request_latency_seconds',
        'Histogram of e2e request latency in seconds.',
      ),
    ],
  };
}

function addVllmSeries(
  families: VllmFamilies,
  target: TelemetryTarget,
  latency: LatencyDistribution,
  count: (t: number) => number,
) {
  const labels = {
    namespace: target.namespace,
    model_name: target.name,
    engine: '0',
  };
  const { plain, histograms } = families;
  const degraded = target.telemetry.health === 'degraded';
  const running = (t: number) => requestRateAt(target, t) * latency.mean();
  const push = (
    family: TelemetryMetricFamily,
    valueAt: (t: number) => number,
    extra = {},
  ) =>
    family.series.push({
      labels: { __name__: family.name, ...labels, ...extra },
      valueAt,
    });
  push(plain.running, running);
  push(plain.waiting, t => running(t) * (degraded ? 0.35 : 0.02));
  push(plain.kvCache, t =>
    degraded
      ? 0.85 + 0.05 * trafficWave(target, t)
      : 0.3 + 0.1 * trafficWave(target, t),
  );
  push(plain.prompt, t => PROMPT_TOKENS_PER_REQUEST * count(t));
  push(plain.generation, t => GENERATION_TOKENS_PER_REQUEST * count(t));
  push(plain.success, t => (1 - errorRatioOf(target)) * count(t), {
    finished_reason: 'stop',
  });
  const { p50, p95, p99 } = target.telemetry.latencyMs;
  const ttft = new LatencyDistribution(
    (p50 / 1000) * TTFT_SHARE,
    (p95 / 1000) * TTFT_SHARE,
    (p99 / 1000) * TTFT_SHARE,
  );
  histograms[0].add(labels, VLLM_TTFT_BUCKETS, ttft, count);
  histograms[1].add(labels, VLLM_E2E_BUCKETS, latency, count);
}
