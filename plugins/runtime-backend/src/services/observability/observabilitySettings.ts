import { Config } from '@backstage/config';
import { ObservabilitySignalName } from './observabilitySources';

/** How observability reports are read: cache TTLs, time budget, thresholds and query overrides. */
export interface ObservabilitySettings {
  /** Milliseconds each signal is cached, by signal. */
  ttlMs: Record<ObservabilitySignalName, number>;
  /** Milliseconds the signals adopters added are cached, by id, where the config says. */
  extraTtlMs: Record<string, number>;
  /** Time budget of one signal, retries included. */
  timeoutMs: number;
  /** Error ratio (0–1) above which a service shows as degraded. */
  errorRatioThreshold: number;
  /** PromQL templates by metric id, replacing the defaults. */
  queries: Record<string, string>;
  /** Most log lines shown. */
  logLimit: number;
  /** A LogQL line filter that picks error lines. */
  logFilter: string;
  /** Traces at least this long count as slow. */
  slowTraceMs: number;
  traceLimit: number;
}

const DEFAULT_TTL_SECONDS: Record<ObservabilitySignalName, number> = {
  metrics: 30,
  alerts: 15,
  logs: 15,
  traces: 30,
  dashboards: 300,
};

/** Reads `runtime.observability` (every key optional). */
export function readObservabilitySettings(
  config: Config,
): ObservabilitySettings {
  const c = config.getOptionalConfig('runtime.observability');
  const ttl = c?.getOptionalConfig('cacheTtlSeconds');
  const ttlMs = Object.fromEntries(
    Object.entries(DEFAULT_TTL_SECONDS).map(([signal, seconds]) => [
      signal,
      (ttl?.getOptionalNumber(signal) ?? seconds) * 1000,
    ]),
  ) as Record<ObservabilitySignalName, number>;
  const extraTtlMs = Object.fromEntries(
    (ttl?.keys() ?? [])
      .filter(signal => !(signal in DEFAULT_TTL_SECONDS))
      .map(signal => [signal, ttl!.getNumber(signal) * 1000]),
  );
  const queriesConfig = c?.getOptionalConfig('queries');
  const queries: Record<string, string> = {};
  for (const id of queriesConfig?.keys() ?? []) {
    queries[id] = queriesConfig!.getString(id);
  }
  const threshold = c?.getOptionalNumber('errorRatioThreshold') ?? 0.05;
  if (!(threshold > 0 && threshold < 1)) {
    throw new Error(
      `Invalid config at 'runtime.observability.errorRatioThreshold': ${threshold} must be between 0 and 1`,
    );
  }
  return {
    ttlMs,
    extraTtlMs,
    timeoutMs: c?.getOptionalNumber('signalTimeoutMs') ?? 5000,
    errorRatioThreshold: threshold,
    queries,
    logLimit: Math.min(c?.getOptionalNumber('logs.limit') ?? 50, 500),
    logFilter:
      c?.getOptionalString('logs.filter') ?? '|~ "(?i)(error|exception|fatal)"',
    slowTraceMs: c?.getOptionalNumber('traces.slowMs') ?? 1000,
    traceLimit: Math.min(c?.getOptionalNumber('traces.limit') ?? 20, 100),
  };
}
