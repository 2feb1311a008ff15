import { SeedTelemetry } from '../seed';

/** A 32-bit FNV-1a hash of the parts, with a final avalanche so nearby inputs spread. */
function hash32(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A number in [0, 1) that depends only on the parts. */
export function unitHash(...parts: Array<string | number>): number {
  return hash32(...parts) / 0x100000000;
}

/** `bytes` random-looking hex bytes that depend only on the parts. */
export function hexHash(
  bytes: number,
  ...parts: Array<string | number>
): string {
  let hex = '';
  for (let i = 0; hex.length < bytes * 2; i++) {
    hex += hash32(...parts, i)
      .toString(16)
      .padStart(8, '0');
  }
  return hex.slice(0, bytes * 2);
}

/** Picks one of the items by a unit number. */
export function pick<T>(items: readonly T[], unit: number): T {
  return items[Math.min(items.length - 1, Math.floor(unit * items.length))];
}

/**
 * A request latency in milliseconds for a unit number, following the seeded percentiles: half below
 * p50, 95 % below p95, 99 % below p99, the slowest 1 % up to 1.5 × p99.
 */
export function latencyAt(
  latency: SeedTelemetry['latencyMs'],
  unit: number,
): number {
  const points: Array<[number, number]> = [
    [0, latency.p50 * 0.3],
    [0.5, latency.p50],
    [0.95, latency.p95],
    [0.99, latency.p99],
    [1, latency.p99 * 1.5],
  ];
  for (let i = 1; i < points.length; i++) {
    const [u1, v1] = points[i];
    if (unit <= u1) {
      const [u0, v0] = points[i - 1];
      return Math.round(v0 + ((unit - u0) / (u1 - u0)) * (v1 - v0));
    }
  }
  return Math.round(latency.p99 * 1.5);
}
