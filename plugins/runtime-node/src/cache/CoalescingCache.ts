import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/**
 * Answers from the cache service when it can; otherwise loads once per key however many callers ask at
 * the same moment, and keeps the answer for `ttlMs`. Many viewers of one thing cost the upstream one
 * load per TTL.
 *
 * @public
 */
export class CoalescingCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: { cache: CacheService; ttlMs: number },
  ) {}

  /**
   * The cached value of `key`, or the result of `load` (shared by concurrent callers, then cached).
   * The value must be JSON-serialisable. `ttlFor` may choose a TTL per value (e.g. shorter for a
   * failure than for data).
   */
  async get<T>(
    key: string,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): Promise<T> {
    // Callers share one promise from the cache read on, so nobody can slip in between a cache miss
    // and the value being stored.
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = this.readOrLoad(key, load, ttlFor).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Drops a key, so the next caller loads afresh. */
  async forget(key: string): Promise<void> {
    await this.options.cache.delete(key).catch(() => undefined);
  }

  private async readOrLoad<T>(
    key: string,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): Promise<T> {
    const cached = await this.options.cache
      .get<JsonValue>(key)
      .catch(() => undefined);
    if (cached !== undefined) return cached as T;
    const value = await load();
    await this.options.cache
      .set(key, value as JsonValue, {
        ttl: ttlFor?.(value) ?? this.options.ttlMs,
      })
      .catch(() => undefined);
    return value;
  }
}
