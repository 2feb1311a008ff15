import { Config } from '@backstage/config';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http/readUpstreamBody';

/** The largest limit accepted: 1 GiB. */
const MAX_LIMIT = 1024 * 1024 * 1024;

/**
 * Reads a `maxResponseBytes` (the largest answer body read from an upstream) from `c` at `key`,
 * else `fallback`, else {@link DEFAULT_MAX_RESPONSE_BYTES}; a value that is not a whole number of
 * bytes between 1 and 1 GiB throws an error naming the key.
 *
 * @public
 */
export function readMaxResponseBytes(
  c: Config | undefined,
  key: string,
  fallback: number = DEFAULT_MAX_RESPONSE_BYTES,
): number {
  const value = c?.getOptionalNumber('maxResponseBytes');
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new Error(
      `Invalid config at '${key}.maxResponseBytes': ${value} must be a whole number of bytes between 1 and ${MAX_LIMIT}`,
    );
  }
  return value;
}
