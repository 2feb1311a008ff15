import {
  RUNTIME_OBSERVABILITY_RANGES,
  RuntimeObservabilityRange,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { InputError } from '@backstage/errors';

/** A report's time window, its end aligned to the step so charts of concurrent viewers line up. */
export interface TimeWindow {
  range: RuntimeObservabilityRange;
  /** Unix seconds. */
  start: number;
  end: number;
  stepSeconds: number;
  /** The PromQL range of rate() windows, e.g. `5m`. */
  rateWindow: string;
}

const SECONDS: Record<RuntimeObservabilityRange, number> = {
  '15m': 15 * 60,
  '1h': 60 * 60,
  '6h': 6 * 60 * 60,
  '24h': 24 * 60 * 60,
};

/** About sixty points per chart whatever the range. */
const POINTS = 60;

/** Parses `?range=` (default `1h`); anything else is an InputError naming the accepted values. */
export function parseRange(value: unknown): RuntimeObservabilityRange {
  if (value === undefined || value === '') return '1h';
  if (
    typeof value === 'string' &&
    (RUNTIME_OBSERVABILITY_RANGES as readonly string[]).includes(value)
  ) {
    return value as RuntimeObservabilityRange;
  }
  throw new InputError(
    `Invalid range '${String(
      value,
    )}': use one of ${RUNTIME_OBSERVABILITY_RANGES.join(', ')}`,
  );
}

/** The window of a range ending now, its end rounded down to a whole step. */
export function timeWindow(
  range: RuntimeObservabilityRange,
  nowMs: number = Date.now(),
): TimeWindow {
  const length = SECONDS[range];
  const stepSeconds = Math.max(15, Math.round(length / POINTS));
  const end = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  const rateWindowSeconds = Math.max(60, stepSeconds * 4);
  return {
    range,
    start: end - length,
    end,
    stepSeconds,
    rateWindow: `${Math.round(rateWindowSeconds / 60)}m`,
  };
}
