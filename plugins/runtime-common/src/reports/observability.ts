import { RuntimeSignal } from './signal';

/**
 * The metrics a report can carry: RED for services, vLLM signals for inference endpoints.
 *
 * @public
 */
export type RuntimeMetricId =
  | 'requestRate'
  | 'errorRatio'
  | 'latencyP50'
  | 'latencyP95'
  | 'latencyP99'
  | 'requestsRunning'
  | 'requestsWaiting'
  | 'timeToFirstTokenP95'
  | 'tokensPerSecond'
  | 'kvCacheUsage';

/**
 * One metric over the report's time range.
 *
 * @public
 */
export interface RuntimeMetricSeries {
  id: RuntimeMetricId;
  title: string;
  /** `requests/s`, `ratio` (0–1), `seconds`, `requests` or `tokens/s`. */
  unit: 'requests/s' | 'ratio' | 'seconds' | 'requests' | 'tokens/s';
  /** The latest value, when the series has one. */
  current?: number;
  /** `[unix seconds, value]` pairs in time order. */
  points: Array<[number, number]>;
}

/**
 * An alert firing for the entity (Alertmanager).
 *
 * @public
 */
export interface RuntimeFiringAlert {
  name: string;
  severity: string;
  summary?: string;
  description?: string;
  startsAt: string;
  /** `active` or `suppressed`. */
  state: string;
  /** Link to the alert's generator (e.g. the Prometheus graph). */
  url?: string;
}

/**
 * A recent error log line (Loki).
 *
 * @public
 */
export interface RuntimeLogLine {
  /** ISO 8601 with nanosecond precision dropped. */
  timestamp: string;
  line: string;
  labels: Record<string, string>;
}

/**
 * A recent slow or failed trace (Tempo).
 *
 * @public
 */
export interface RuntimeTraceSummary {
  traceId: string;
  rootService: string;
  rootName: string;
  startedAt: string;
  durationMs: number;
  /** Link to the trace in the tracing UI, when configured. */
  url?: string;
}

/**
 * A dashboard matching the entity's dashboard selector (Grafana).
 *
 * @public
 */
export interface RuntimeDashboardLink {
  uid: string;
  title: string;
  /** Absolute URL. */
  url: string;
  folder?: string;
  tags: string[];
}

/**
 * Health at a glance: `degraded` when a critical alert fires or the error ratio is above the
 * threshold, `unknown` when neither metrics nor alerts could be read.
 *
 * @public
 */
export type RuntimeHealthState = 'healthy' | 'degraded' | 'unknown';

/**
 * A signal an adopter's backend module added (`runtimeObservabilitySignalsExtensionPoint`): its title
 * and its status; `data` is whatever JSON the module read.
 *
 * @public
 */
export interface RuntimeExtraSignal extends RuntimeSignal<unknown> {
  /** What the signal is called, e.g. `SLO budget`. */
  title: string;
}

/**
 * The observability of an entity in one environment.
 *
 * @public
 */
export interface RuntimeEnvironmentObservability {
  environment: string;
  health: RuntimeHealthState;
  metrics: RuntimeSignal<RuntimeMetricSeries[]>;
  alerts: RuntimeSignal<RuntimeFiringAlert[]>;
  logs: RuntimeSignal<RuntimeLogLine[]>;
  traces: RuntimeSignal<RuntimeTraceSummary[]>;
  dashboards: RuntimeSignal<RuntimeDashboardLink[]>;
  /**
   * The signals added by adopters' backend modules, by id, in the order they were added (empty when
   * there are none). They do not count towards `health`.
   */
  extraSignals?: Record<string, RuntimeExtraSignal>;
}

/**
 * The answer of `GET /api/runtime/entity/:kind/:namespace/:name/observability`.
 *
 * @public
 */
export interface RuntimeObservabilityReport {
  entityRef: string;
  /** `service` (RED metrics) or `inference-endpoint` (vLLM signals as well). */
  profile: 'service' | 'inference-endpoint';
  range: { start: string; end: string; stepSeconds: number };
  environments: RuntimeEnvironmentObservability[];
}

/**
 * The time ranges the observability route accepts (`?range=`).
 *
 * @public
 */
export const RUNTIME_OBSERVABILITY_RANGES = ['15m', '1h', '6h', '24h'] as const;

/**
 * One of {@link RUNTIME_OBSERVABILITY_RANGES}.
 *
 * @public
 */
export type RuntimeObservabilityRange =
  (typeof RUNTIME_OBSERVABILITY_RANGES)[number];
