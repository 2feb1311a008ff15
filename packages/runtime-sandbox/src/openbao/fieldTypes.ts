import { badRequest } from './apiError';

/**
 * Reads a `TypeCommaStringSlice` field as OpenBao's framework does: a list, or a comma-separated
 * string; entries are trimmed and empty ones dropped.
 */
export function commaStringSlice(field: string, value: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') items = value.split(',');
  else throw fieldError(field, value);
  return items.map(item => String(item).trim()).filter(item => item.length > 0);
}

const DURATION_UNITS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/**
 * Reads a `TypeDurationSecond` field: a number of seconds, a numeric string, or a Go-style duration
 * such as `1h30m`.
 */
export function durationSeconds(field: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return value;
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    const parts = [...value.matchAll(/(\d+)([smhd])/g)];
    if (parts.length > 0 && parts.map(p => p[0]).join('') === value) {
      return parts.reduce(
        (sum, [, n, unit]) => sum + Number(n) * DURATION_UNITS[unit],
        0,
      );
    }
  }
  throw fieldError(field, value);
}

function fieldError(field: string, value: unknown) {
  return badRequest(
    `error converting input ${JSON.stringify(value)} for field "${field}"`,
  );
}
