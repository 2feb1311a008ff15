import { createHash } from 'node:crypto';

/**
 * A deep copy of a value as JSON would carry it, with every object's keys sorted: two snapshots of
 * the same state are then equal both for `toEqual` and as `JSON.stringify` text. Dates become ISO
 * strings, `undefined` properties are dropped; arrays keep their order (it is meaningful).
 */
export function canonicalJson<T>(value: T): T {
  return sortKeys(JSON.parse(JSON.stringify(value ?? null))) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The SHA-256 (hex) of a value's canonical JSON: what a snapshot shows instead of a secret value, so
 * a change is seen and the value never printed (in a failing test's diff, say).
 */
export function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalJson(value)))
    .digest('hex');
}
