import { SeedTelemetry } from '../seed';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The separator hashed between parts. */
const SEPARATOR = 0x1f;

/**
 * Continues a 32-bit FNV-1a hash over the parts joined with `\u001f` (preceded by one when
 * `separated`), without building the joined string.
 */
function absorb(
  hash: number,
  parts: ReadonlyArray<string | number>,
  separated: boolean,
): number {
  let h = hash;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0 || separated) h = Math.imul(h ^ SEPARATOR, FNV_PRIME);
    const text = String(parts[p]);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    }
  }
  return h;
}

/** The final avalanche, so nearby inputs spread. */
function avalanche(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two lowercase hex digits of each byte. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

/** `bytes` hex bytes from an FNV state that has absorbed some parts (`separated`: at least one). */
function hexFrom(bytes: number, state: number, separated: boolean): string {
  let hex = '';
  for (let i = 0; hex.length < bytes * 2; i++) {
    const word = avalanche(absorb(state, [i], separated));
    hex +=
      BYTE_HEX[word >>> 24] +
      BYTE_HEX[(word >>> 16) & 0xff] +
      BYTE_HEX[(word >>> 8) & 0xff] +
      BYTE_HEX[word & 0xff];
  }
  return hex.slice(0, bytes * 2);
}

/** A number in [0, 1) that depends only on the parts. */
export function unitHash(...parts: Array<string | number>): number {
  return avalanche(absorb(FNV_OFFSET, parts, false)) / 0x100000000;
}

/** `bytes` random-looking hex bytes that depend only on the parts. */
export function hexHash(
  bytes: number,
  ...parts: Array<string | number>
): string {
  return hexFrom(bytes, absorb(FNV_OFFSET, parts, false), parts.length > 0);
}

/** {@link unitHash} and {@link hexHash} of parts that start with the same leading parts. */
export interface PartsHasher {
  /** `unitHash(...leading, ...rest)`. */
  unit(...rest: Array<string | number>): number;
  /** `hexHash(bytes, ...leading, ...rest)`. */
  hex(bytes: number, ...rest: Array<string | number>): string;
}

/**
 * Hashes of parts that all start with `leading` (a log line's source, level and index), hashing
 * the leading parts once: the same numbers as {@link unitHash} and {@link hexHash} of all the parts.
 */
export function hashParts(...leading: Array<string | number>): PartsHasher {
  const state = absorb(FNV_OFFSET, leading, false);
  const separated = leading.length > 0;
  return {
    unit: (...rest) => avalanche(absorb(state, rest, separated)) / 0x100000000,
    hex: (bytes, ...rest) =>
      hexFrom(
        bytes,
        absorb(state, rest, separated),
        separated || rest.length > 0,
      ),
  };
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
