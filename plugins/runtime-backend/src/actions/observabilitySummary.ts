import {
  RuntimeEnvironmentObservability,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import { signalState, signalStateSchema } from './signalState';

/** The zod schema of an entity's observability summary (the output of `get-entity-observability`). */
export function observabilitySummarySchema(z: typeof zod) {
  const state = signalStateSchema(z);
  return z.object({
    entityRef: z.string(),
    profile: z
      .enum(['service', 'inference-endpoint'])
      .describe('service: RED metrics; inference-endpoint: vLLM metrics too'),
    range: z.object({ start: z.string(), end: z.string() }),
    environments: z.array(
      z.object({
        environment: z.string(),
        health: z
          .enum(['healthy', 'degraded', 'unknown'])
          .describe(
            'degraded: a critical alert fires or the error ratio is above the threshold; unknown: not enough could be read',
          ),
        metrics: state.extend({
          current: z
            .record(z.string(), z.number())
            .optional()
            .describe(
              'Latest value by metric: requestRate (requests/s), errorRatio (0-1), latencyP50/latencyP95/latencyP99 (seconds); for inference endpoints also requestsRunning, requestsWaiting, timeToFirstTokenP95 (seconds), tokensPerSecond, kvCacheUsage (0-1)',
            ),
        }),
        alerts: state.extend({
          firing: z
            .array(
              z.object({
                name: z.string(),
                severity: z.string(),
                state: z.string().describe('active or suppressed'),
                summary: z.string().optional(),
                startsAt: z.string(),
              }),
            )
            .optional(),
        }),
        errorLogs: state.extend({
          count: z
            .number()
            .optional()
            .describe('Recent error log lines read (Loki)'),
          newestAt: z.string().optional(),
        }),
        traces: state.extend({
          slowOrFailed: z
            .number()
            .optional()
            .describe('Recent slow or failed traces (Tempo)'),
        }),
        extraSignals: z
          .record(z.string(), state.extend({ title: z.string() }))
          .optional()
          .describe("Signals added by the portal's modules, by id"),
      }),
    ),
  });
}

/** An entity's observability summary. */
export type ObservabilitySummary = zod.infer<
  ReturnType<typeof observabilitySummarySchema>
>;

/** Summarises an observability report: per environment the latest values and counts, no series. */
export function summarizeObservability(
  report: RuntimeObservabilityReport,
): ObservabilitySummary {
  return {
    entityRef: report.entityRef,
    profile: report.profile,
    range: { start: report.range.start, end: report.range.end },
    environments: report.environments.map(summarizeEnvironment),
  };
}

function summarizeEnvironment(
  env: RuntimeEnvironmentObservability,
): ObservabilitySummary['environments'][number] {
  const { metrics, alerts, logs, traces } = env;
  const current: Record<string, number> = {};
  for (const series of metrics.data ?? []) {
    if (series.current !== undefined) current[series.id] = series.current;
  }
  return {
    environment: env.environment,
    health: env.health,
    metrics: { ...signalState(metrics), ...(metrics.data && { current }) },
    alerts: {
      ...signalState(alerts),
      ...(alerts.data && {
        firing: alerts.data.map(a => ({
          name: a.name,
          severity: a.severity,
          state: a.state,
          ...(a.summary ? { summary: a.summary } : {}),
          startsAt: a.startsAt,
        })),
      }),
    },
    errorLogs: {
      ...signalState(logs),
      ...(logs.data && {
        count: logs.data.length,
        ...newest(logs.data.map(l => l.timestamp)),
      }),
    },
    traces: {
      ...signalState(traces),
      ...(traces.data && { slowOrFailed: traces.data.length }),
    },
    ...(env.extraSignals &&
      Object.keys(env.extraSignals).length > 0 && {
        extraSignals: Object.fromEntries(
          Object.entries(env.extraSignals).map(([id, s]) => [
            id,
            { title: s.title, ...signalState(s) },
          ]),
        ),
      }),
  };
}

function newest(timestamps: string[]): { newestAt?: string } {
  if (!timestamps.length) return {};
  return { newestAt: timestamps.reduce((a, b) => (a > b ? a : b)) };
}
