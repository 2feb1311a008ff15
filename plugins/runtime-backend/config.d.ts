export interface Config {
  runtime?: {
    /** How the observability report of an entity is read (`/api/runtime/entity/.../observability`). */
    observability?: {
      /**
       * Seconds each signal is cached; many viewers share one upstream query per TTL. A signal added
       * with `runtimeObservabilitySignalsExtensionPoint` is set by its id.
       */
      cacheTtlSeconds?: {
        metrics?: number;
        alerts?: number;
        logs?: number;
        traces?: number;
        dashboards?: number;
        [signalId: string]: number | undefined;
      };
      /** Time budget of one signal, retries included, in milliseconds. Default 5000. */
      signalTimeoutMs?: number;
      /** Error ratio (0-1) above which a service shows as degraded. Default 0.05. */
      errorRatioThreshold?: number;
      /**
       * PromQL templates replacing the defaults, by metric id (requestRate, errorRatio, latencyP50,
       * latencyP95, latencyP99, requestsRunning, requestsWaiting, timeToFirstTokenP95,
       * tokensPerSecond, kvCacheUsage). Placeholders: {{namespace}}, {{service}}, {{model}}, {{window}}.
       */
      queries?: { [metricId: string]: string };
      logs?: {
        /** Most error lines shown. Default 50, at most 500. */
        limit?: number;
        /** LogQL line filter that picks error lines. Default `|~ "(?i)(error|exception|fatal)"`. */
        filter?: string;
      };
      traces?: {
        /** Traces at least this long (ms) count as slow. Default 1000. */
        slowMs?: number;
        /** Most traces shown. Default 20. */
        limit?: number;
      };
    };
  };
}
