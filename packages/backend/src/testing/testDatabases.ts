import { Client } from 'pg';
// Test helper, runs from source only: its imports are the backend's devDependencies.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { createClient } from '@redis/client';

/** The PostgreSQL that .ci/services.sh makes sure is running on this machine (trust auth locally). */
export const testPostgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: process.env.POSTGRES_PORT ?? '5432',
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'postgres',
};

/** The Redis that .ci/services.sh makes sure is running on this machine. */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One test run's own names: the prefix of its PostgreSQL databases and the namespace of its Redis
 * keys, so that runs never see each other's data and cleaning up touches nothing else.
 */
export interface TestRun {
  /** `backend.database.prefix`: every plugin database of the run starts with it. */
  databasePrefix: string;
  /** `backend.cache.redis.client.namespace`: every cache key of the run starts with `<it>:`. */
  redisNamespace: string;
}

/** Fresh names for one test run. */
export function newTestRun(): TestRun {
  const id = `${process.pid}_${Date.now()}_${Math.random()
    .toString(36)
    .slice(2, 6)}`;
  return { databasePrefix: `rp_test_${id}_`, redisNamespace: `rp-test-${id}` };
}

async function withPostgres<T>(fn: (client: Client) => Promise<T>) {
  const client = new Client({
    ...testPostgres,
    port: Number(testPostgres.port),
    database: 'postgres',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The names of the databases the run's backends created. */
export function listTestDatabases(run: TestRun): Promise<string[]> {
  return withPostgres(async client => {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${run.databasePrefix}%`],
    );
    return rows.map(r => r.datname as string);
  });
}

/**
 * Runs `ANALYZE` in each database of the run, as autovacuum would on its own: this machine's
 * PostgreSQL runs without autovacuum (its `conf.d/90-ci.conf`), so after a bulk load its planner would
 * still see the tables as they were when the run started.
 */
export async function analyzeTestDatabases(run: TestRun): Promise<void> {
  for (const name of await listTestDatabases(run)) {
    const client = new Client({
      ...testPostgres,
      port: Number(testPostgres.port),
      database: name,
    });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
}

/** Drops every database of the run (even while a killed backend's connections linger). */
export async function dropTestDatabases(run: TestRun): Promise<number> {
  const names = await listTestDatabases(run);
  await withPostgres(async client => {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
  return names.length;
}

/** Runs `fn` with a connected Redis client. */
async function withRedis<T>(
  fn: (redis: ReturnType<typeof createClient>) => Promise<T>,
): Promise<T> {
  const redis = createClient({ url: testRedisUrl });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    await redis.quit();
  }
}

/** The run's Redis keys (`<namespace>:*`). */
export function listTestRedisKeys(run: TestRun): Promise<string[]> {
  return withRedis(async redis => {
    const keys: string[] = [];
    for await (const key of redis.scanIterator({
      MATCH: `${run.redisNamespace}:*`,
      COUNT: 500,
    })) {
      keys.push(key);
    }
    return keys;
  });
}

/** Deletes the run's Redis keys and nothing else; returns how many there were. */
export async function flushTestRedisKeys(run: TestRun): Promise<number> {
  const keys = await listTestRedisKeys(run);
  if (keys.length > 0) await withRedis(redis => redis.del(keys));
  return keys.length;
}
