/*
 * What the catalog-at-scale benchmark reads from a run's catalog database (PostgreSQL): the state of
 * every entity, to count what a time window wrote, and what the runtime provider emitted.
 */
import { Client } from 'pg';
import { TestRun, testPostgres } from '../src/testing/testDatabases';

/** Per entity ref: the catalog's hashes and timestamps at one moment. */
export type CatalogState = Map<
  string,
  {
    unprocessedHash: string | null;
    resultHash: string | null;
    finalHash: string | null;
    lastDiscoveryAt: string | null;
    nextUpdateAt: string | null;
  }
>;

/** What changed between two {@link CatalogState}s. */
export interface CatalogWrites {
  /** Rows whose `last_discovery_at` moved: the entity was sent to the catalog again. */
  rediscovered: number;
  /** Rows whose `unprocessed_hash` changed: the sent entity differed. */
  unprocessedChanged: number;
  /** Rows whose `next_update_at` moved: the processing loop processed the entity again. */
  reprocessed: number;
  /** Rows whose `result_hash` changed: processing gave a different result. */
  resultChanged: number;
  /** `final_entities.hash` changes: the stitched entity (what readers see) was rewritten. */
  finalChanged: number;
  added: number;
  removed: number;
}

async function withCatalogDatabase<T>(
  run: TestRun,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    ...testPostgres,
    port: Number(testPostgres.port),
    database: `${run.databasePrefix}catalog`,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Reads every entity's hashes and timestamps from the run's catalog database. */
export function readCatalogState(run: TestRun): Promise<CatalogState> {
  return withCatalogDatabase(run, async client => {
    const { rows } = await client.query(
      `SELECT r.entity_ref, r.unprocessed_hash, r.result_hash, f.hash AS final_hash,
              r.last_discovery_at::text AS last_discovery_at, r.next_update_at::text AS next_update_at
         FROM refresh_state r LEFT JOIN final_entities f ON f.entity_id = r.entity_id`,
    );
    return new Map(
      rows.map(row => [
        row.entity_ref as string,
        {
          unprocessedHash: row.unprocessed_hash,
          resultHash: row.result_hash,
          finalHash: row.final_hash,
          lastDiscoveryAt: row.last_discovery_at,
          nextUpdateAt: row.next_update_at,
        },
      ]),
    );
  });
}

/** Counts what changed between `before` and `after`. */
export function catalogWrites(
  before: CatalogState,
  after: CatalogState,
): CatalogWrites {
  const writes: CatalogWrites = {
    rediscovered: 0,
    unprocessedChanged: 0,
    reprocessed: 0,
    resultChanged: 0,
    finalChanged: 0,
    added: 0,
    removed: 0,
  };
  for (const [ref, now] of after) {
    const then = before.get(ref);
    if (!then) {
      writes.added++;
      continue;
    }
    if (now.lastDiscoveryAt !== then.lastDiscoveryAt) writes.rediscovered++;
    if (now.unprocessedHash !== then.unprocessedHash) {
      writes.unprocessedChanged++;
    }
    if (now.nextUpdateAt !== then.nextUpdateAt) writes.reprocessed++;
    if (now.resultHash !== then.resultHash) writes.resultChanged++;
    if (now.finalHash !== then.finalHash) writes.finalChanged++;
  }
  for (const ref of before.keys()) if (!after.has(ref)) writes.removed++;
  return writes;
}

/**
 * The entities a provider emitted under location keys starting with `keyPrefix` (except
 * `excludedKey`), as it sent them (`refresh_state.unprocessed_entity`).
 */
export function providerEntities(
  run: TestRun,
  keyPrefix: string,
  excludedKey: string,
): Promise<Array<Record<string, any>>> {
  return withCatalogDatabase(run, async client => {
    const { rows } = await client.query(
      `SELECT unprocessed_entity FROM refresh_state
        WHERE location_key LIKE $1 AND location_key <> $2 ORDER BY entity_ref`,
      [`${keyPrefix}%`, excludedKey],
    );
    return rows.map(row => JSON.parse(row.unprocessed_entity));
  });
}
