import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/** What is stored per key: the value and when it stops being fresh. */
type Entry = { value: JsonValue; freshUntil: number };

/**
 * After its TTL a value is still served for this many TTLs more while one refresh runs in the
 * background, so viewers never wait on an upstream for something they saw a moment ago.
 */
const STALE_TTLS = 1;
/** Entries kept in this process in front of the cache service; the oldest go first. */
const LOCAL_ENTRIES = 1000;
/**
 * How long this process answers a key from memory before it reads the cache service again: with
 * several backend replicas, a key one replica forgets (say after a sync) is seen as gone by the
 * others within this time, at the cost of one cache read per hot key per period.
 */
const DEFAULT_LOCAL_MAX_AGE_MS = 2000;

/**
 * Answers from the cache service when it can; otherwise loads once per key however many callers ask at
 * the same moment, and keeps the answer for `ttlMs`. Once the TTL has passed, the next caller still
 * gets the answer at once while a single refresh runs (stale-while-revalidate, for at most one more
 * TTL). Many viewers of one thing cost the upstream one load per TTL, and wait for it only on a cold
 * start.
 *
 * @public
 */
export class CoalescingCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly refreshing = new Set<string>();
  /**
   * The entries this process read or wrote, with when they expire: hot keys are answered without a
   * cache-service round trip or deserialisation (values are never mutated by callers).
   */
  private readonly local = new Map<string, { entry: Entry; expires: number }>();

  constructor(
    private readonly options: {
      cache: CacheService;
      ttlMs: number;
      /** How long an entry is answered from this process's memory (default 2 s). */
      localMaxAgeMs?: number;
    },
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
    const known = this.local.get(key);
    if (known && Date.now() < known.expires) {
      return this.serve(key, known.entry, load, ttlFor);
    }
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

  /**
   * Drops a key, so the next caller loads afresh; other processes sharing the cache service stop
   * answering it from memory within `localMaxAgeMs`.
   */
  async forget(key: string): Promise<void> {
    this.local.delete(key);
    await this.options.cache.delete(key).catch(() => undefined);
  }

  private async readOrLoad<T>(
    key: string,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): Promise<T> {
    const entry = await this.options.cache
      .get<Entry>(key)
      .catch(() => undefined);
    if (entry && typeof entry === 'object' && 'freshUntil' in entry) {
      this.remember(key, entry);
      return this.serve(key, entry, load, ttlFor);
    }
    return this.loadAndStore(key, load, ttlFor);
  }

  /** An entry's value; past its freshness, also starts the one background refresh. */
  private serve<T>(
    key: string,
    entry: Entry,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): T {
    if (Date.now() >= entry.freshUntil) this.refresh(key, load, ttlFor);
    return entry.value as T;
  }

  private remember(key: string, entry: Entry): void {
    const ttl = Math.max(0, entry.freshUntil - Date.now());
    this.local.delete(key);
    this.local.set(key, {
      entry,
      expires: Math.min(
        entry.freshUntil + ttl * STALE_TTLS,
        Date.now() + (this.options.localMaxAgeMs ?? DEFAULT_LOCAL_MAX_AGE_MS),
      ),
    });
    if (this.local.size > LOCAL_ENTRIES) {
      this.local.delete(this.local.keys().next().value!);
    }
  }

  /** One background refresh per key at a time; a failing refresh keeps the stale value. */
  private refresh<T>(
    key: string,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): void {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    this.loadAndStore(key, load, ttlFor)
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(key));
  }

  private async loadAndStore<T>(
    key: string,
    load: () => Promise<T>,
    ttlFor?: (value: T) => number,
  ): Promise<T> {
    const value = await load();
    const ttl = ttlFor?.(value) ?? this.options.ttlMs;
    const entry: Entry = {
      value: value as JsonValue,
      freshUntil: Date.now() + ttl,
    };
    this.remember(key, entry);
    await this.options.cache
      .set(key, entry, { ttl: ttl * (1 + STALE_TTLS) })
      .catch(() => undefined);
    return value;
  }
}
