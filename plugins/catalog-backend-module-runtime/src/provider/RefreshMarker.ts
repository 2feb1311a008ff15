import { randomUUID } from 'node:crypto';
import { CacheService } from '@backstage/backend-plugin-api';

/** The cache key of the marker (the cache service prefixes it with the plugin id). */
const MARKER_KEY = 'runtime-entity-provider:last-refresh';

/**
 * Tells one backend replica whether another has refreshed the Runtime's entities since it last did.
 *
 * Each replica diffs a refresh against the set it emitted itself. Once another replica has applied
 * mutations in between, that set is no longer what the catalog holds: a delta computed from it can
 * miss an entity that came back (it was never removed from this replica's set) or leave one that
 * came and went. The replica that refreshed last writes its own marker to the cache service (Redis,
 * shared by the replicas, in production); a replica that finds another's marker sends the whole set
 * again. A marker that cannot be read or written counts as another replica's: that costs one full
 * mutation, never an entity.
 */
export class RefreshMarker {
  private readonly processId = randomUUID();
  private runs = 0;
  private written?: string;

  constructor(private readonly cache: CacheService) {}

  /** Whether the last refresh anywhere was not this process's last one. */
  async othersRefreshedSinceMine(): Promise<boolean> {
    if (!this.written) return true;
    const current = await this.cache
      .get<string>(MARKER_KEY)
      .catch(() => undefined);
    return current !== this.written;
  }

  /** Records that this process has just refreshed (its emitted set is the catalog's). */
  async recordMine(): Promise<void> {
    const marker = `${this.processId}:${++this.runs}`;
    try {
      await this.cache.set(MARKER_KEY, marker, { ttl: { days: 1 } });
      this.written = marker;
    } catch {
      this.written = undefined;
    }
  }
}
