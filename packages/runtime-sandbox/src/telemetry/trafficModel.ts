import { TelemetryTarget } from './telemetryTargets';

/** The period of the request-rate wave, in seconds. */
export const TRAFFIC_PERIOD_SECONDS = 600;
/** How far the request rate swings around the seeded rate (±10 %). */
export const TRAFFIC_AMPLITUDE = 0.1;

const OMEGA = (2 * Math.PI) / TRAFFIC_PERIOD_SECONDS;

/** A stable phase in [0, 2π) per target, so targets do not all peak together. */
function trafficPhase(target: TelemetryTarget): number {
  let hash = 2166136261;
  for (const char of `${target.namespace}/${target.name}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  }
  return (hash / 2 ** 32) * 2 * Math.PI;
}

/** The wave in [-1, 1] that shapes the target's traffic at unix time `t` (seconds). */
export function trafficWave(target: TelemetryTarget, t: number): number {
  return Math.sin(OMEGA * t + trafficPhase(target));
}

/** Requests per second at unix time `t`: the seeded rate with a ±10 % wave over ten minutes. */
export function requestRateAt(target: TelemetryTarget, t: number): number {
  return (
    target.telemetry.requestsPerSecond *
    (1 + TRAFFIC_AMPLITUDE * trafficWave(target, t))
  );
}

/**
 * Requests served from `from` to `to` (unix seconds): the exact integral of {@link requestRateAt}, so
 * counters built on it only grow and `rate()` over any window is exact.
 */
export function requestsBetween(
  target: TelemetryTarget,
  from: number,
  to: number,
): number {
  if (to <= from) return 0;
  const phase = trafficPhase(target);
  const wave =
    (TRAFFIC_AMPLITUDE / OMEGA) *
    (Math.cos(OMEGA * from + phase) - Math.cos(OMEGA * to + phase));
  return target.telemetry.requestsPerSecond * (to - from + wave);
}

/** The seeded share of requests that fail (answered with HTTP 500), constant over time. */
export function errorRatioOf(target: TelemetryTarget): number {
  return Math.min(Math.max(target.telemetry.errorRatio, 0), 1);
}
