import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { StatefulRunningServer } from '../types';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
} from '../types';
import { RuntimeSeed } from '../seed';
import { PostgresSnapshot } from './snapshot';
import { startLazyPostgresServer } from './startLazyPostgresServer';

const seed: RuntimeSeed = {
  components: [],
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        { name: 'semantic-search', databases: [{ name: 'search_feedback' }] },
      ],
    },
  ],
};

const options = {
  port: 0,
  seed,
  credentials: DEFAULT_SANDBOX_CREDENTIALS,
  adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
};

/** The data directories this process's PostgreSQL servers have now. */
async function instancesOfThisProcess(): Promise<string[]> {
  const base = path.join(os.tmpdir(), 'runtime-sandbox-postgres');
  const names = await fs.readdir(base).catch(() => [] as string[]);
  return names.filter(name => name.startsWith(`instance-${process.pid}-`));
}

function connect(
  server: StatefulRunningServer<PostgresSnapshot>,
  password = DEFAULT_SANDBOX_CREDENTIALS.postgresPassword,
) {
  const url = new URL(server.url);
  const client = new Client({
    host: url.hostname,
    port: Number(url.port),
    user: DEFAULT_SANDBOX_CREDENTIALS.postgresUser,
    password,
    database: 'postgres',
  });
  client.on('error', () => {});
  return client.connect().then(() => client);
}

describe('startLazyPostgresServer', () => {
  it('starts PostgreSQL on the first connection and pipes every connection to it', async () => {
    const server = await startLazyPostgresServer(options);
    try {
      expect(server.url).toMatch(/^postgresql:\/\/127\.0\.0\.1:\d+$/);
      expect(await instancesOfThisProcess()).toEqual([]);

      const [first, second] = await Promise.all([
        connect(server),
        connect(server),
      ]);
      expect(await instancesOfThisProcess()).toHaveLength(1);
      const { rows } = await first.query('SELECT current_user AS user');
      expect(rows).toEqual([{ user: 'runtime_portal' }]);
      await second.query('CREATE DATABASE made_through_the_proxy');
      await Promise.all([first.end(), second.end()]);
      await expect(connect(server, 'wrong')).rejects.toMatchObject({
        code: '28P01',
      });

      expect(Object.keys((await server.snapshot()).databases).sort()).toEqual([
        'made_through_the_proxy',
        'search_feedback',
      ]);
    } finally {
      await server.close();
    }
    expect(await instancesOfThisProcess()).toEqual([]);
    await expect(connect(server)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(Object.keys((await server.snapshot()).databases)).toContain(
      'made_through_the_proxy',
    );
  });

  it('ends open connections on close', async () => {
    const server = await startLazyPostgresServer(options);
    const client = await connect(server);
    const ended = new Promise(resolve => client.once('end', resolve));
    await server.close();
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
  });

  it('closes without ever starting PostgreSQL, and then snapshots the seed', async () => {
    const server = await startLazyPostgresServer(options);
    await server.close();
    expect(await instancesOfThisProcess()).toEqual([]);
    const snapshot = await server.snapshot();
    expect(Object.keys(snapshot.databases)).toEqual(['search_feedback']);
    expect(Object.keys(snapshot.roles).sort()).toEqual([
      'runtime_portal',
      'search_feedback',
    ]);
    expect(await instancesOfThisProcess()).toEqual([]);
  });
});
