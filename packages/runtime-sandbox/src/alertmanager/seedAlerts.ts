import { RuntimeSeed } from '../seed';
import { telemetrySources } from '../telemetry/telemetrySources';
import { StoredAlert } from './AlertStore';

/** Error ratio above which `RuntimeHighErrorRatio` fires. */
const ERROR_RATIO_THRESHOLD = 0.05;
/** p99 latency (ms) above which a service's `RuntimeHighLatency` fires. */
const P99_LATENCY_THRESHOLD_MS = 5000;
/** Share of a job's targets down (percent) above which `TargetDown` fires. */
const TARGET_DOWN_THRESHOLD_PERCENT = 10;
/** How long before the sandbox started its seeded alerts began firing. */
const FIRING_FOR_MS = 10 * 60_000;

const PROMETHEUS_URL = 'http://prometheus.runtime-monitoring.svc:9090';

/**
 * The alerts the seeded Runtime fires, as Prometheus sends them: `RuntimeHighErrorRatio` (critical)
 * for every service or inference endpoint whose error ratio is above 5 %, `RuntimeHighLatency`
 * (warning) for every service whose p99 latency is above 5 s, and kube-prometheus's `TargetDown`
 * (warning; labels `job`, `namespace`, `service`) for every runtime component with more than 10 % of
 * its scrape targets down (`downReplicas`). They started firing at a stable time shortly before
 * `startedAt` (its minute, less ten minutes) and keep firing.
 */
export function seedAlerts(seed: RuntimeSeed, startedAt: Date): StoredAlert[] {
  const startsAt = new Date(
    Math.floor(startedAt.getTime() / 60_000) * 60_000 - FIRING_FOR_MS,
  );
  const firing = (
    labels: Record<string, string>,
    annotations: Record<string, string>,
    expr: string,
  ): StoredAlert => ({
    labels,
    annotations,
    startsAt,
    endsAt: startsAt,
    updatedAt: startsAt,
    generatorURL: `${PROMETHEUS_URL}/graph?g0.expr=${encodeURIComponent(
      expr,
    )}&g0.tab=1`,
    resentSince: startsAt,
  });

  const alerts: StoredAlert[] = [];
  for (const source of telemetrySources(seed)) {
    const { namespace, name, telemetry } = source;
    const selector = `namespace="${namespace}",service="${name}"`;
    if (telemetry.errorRatio > ERROR_RATIO_THRESHOLD) {
      const percent = (telemetry.errorRatio * 100).toFixed(1);
      alerts.push(
        firing(
          {
            alertname: 'RuntimeHighErrorRatio',
            namespace,
            service: name,
            severity: 'critical',
          },
          {
            summary: `High error ratio on ${name}`,
            description: `${percent}% of requests to ${name} in ${namespace} failed over the last 5 minutes (threshold ${
              ERROR_RATIO_THRESHOLD * 100
            }%).`,
          },
          `sum(rate(http_requests_total{${selector},code=~"5.."}[5m])) / sum(rate(http_requests_total{${selector}}[5m])) > ${ERROR_RATIO_THRESHOLD}`,
        ),
      );
    }
    if (
      source.kind === 'service' &&
      telemetry.latencyMs.p99 > P99_LATENCY_THRESHOLD_MS
    ) {
      alerts.push(
        firing(
          {
            alertname: 'RuntimeHighLatency',
            namespace,
            service: name,
            severity: 'warning',
          },
          {
            summary: `High p99 latency on ${name}`,
            description: `The p99 latency of ${name} in ${namespace} is ${
              telemetry.latencyMs.p99 / 1000
            }s (threshold ${P99_LATENCY_THRESHOLD_MS / 1000}s).`,
          },
          `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${selector}}[5m]))) > ${
            P99_LATENCY_THRESHOLD_MS / 1000
          }`,
        ),
      );
    }
  }
  for (const component of seed.components) {
    const down = component.downReplicas ?? 0;
    const percent = (100 * down) / component.replicas;
    if (!(percent > TARGET_DOWN_THRESHOLD_PERCENT)) continue;
    const { name, namespace } = component;
    alerts.push(
      firing(
        {
          alertname: 'TargetDown',
          job: name,
          namespace,
          service: name,
          severity: 'warning',
        },
        {
          summary: 'One or more targets are unreachable.',
          // Prometheus's `printf "%.4g"`: four significant digits, no trailing zeros.
          description: `${Number(
            percent.toPrecision(4),
          )}% of the ${name}/${name} targets in ${namespace} namespace are down.`,
        },
        `100 * (count by (cluster, job, namespace, service) (up == 0) / count by (cluster, job, namespace, service) (up)) > ${TARGET_DOWN_THRESHOLD_PERCENT}`,
      ),
    );
  }
  return alerts;
}
