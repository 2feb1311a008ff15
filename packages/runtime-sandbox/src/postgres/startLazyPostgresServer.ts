import net from 'node:net';
import { ServerOptions, StatefulRunningServer } from '../types';
import { postgresBinaries } from './postgresBinaries';
import { PostgresSnapshot } from './snapshot';
import { PostgresServer, startPostgresServer } from './startPostgresServer';

/**
 * The sandbox's PostgreSQL, started only when someone uses it: most sandboxes (most tests) never
 * connect to it, and a real server takes a second or more to start. Listens on `host:port` at once
 * (`postgresql://host:port`); the first connection, or the first `snapshot()`, starts the server of
 * {@link startPostgresServer} on a free port of `host`, and every connection is piped to it, so
 * clients see the real server. `close()` stops listening, ends open connections and stops the server
 * if it ever started; `snapshot()` after close answers the state it had when stopped (one never
 * started had the seed's: a throwaway server started from the same options reads it).
 */
export async function startLazyPostgresServer(
  options: ServerOptions,
): Promise<StatefulRunningServer<PostgresSnapshot>> {
  const host = options.host ?? '127.0.0.1';
  // Fails now rather than at the first connection when there is no PostgreSQL for this platform.
  postgresBinaries();
  const startServer = () => startPostgresServer({ ...options, host, port: 0 });
  let started: Promise<PostgresServer> | undefined;
  let closed = false;
  const server = () => {
    if (!started) {
      const attempt = startServer();
      started = attempt;
      // A failed start is tried again by the next connection; the snapshot() that asked sees it.
      attempt.catch(() => {
        if (started === attempt && !closed) started = undefined;
      });
    }
    return started;
  };

  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy = net.createServer(client => {
    track(client);
    if (closed) {
      client.destroy();
      return;
    }
    // Until piped, the client's first bytes (its startup message) wait in the socket's buffer.
    server().then(
      pg => {
        if (client.destroyed) return;
        const upstream = net.connect(pg.port, pg.host);
        track(upstream);
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      },
      error => {
        // The client only sees its connection end: say why where the sandbox runs.
        console.error('runtime-sandbox: PostgreSQL did not start', error);
        client.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(options.port, host, () => {
      proxy.off('error', reject);
      resolve();
    });
  });
  const { port } = proxy.address() as net.AddressInfo;

  let pristine: Promise<PostgresSnapshot> | undefined;
  const pristineSnapshot = async () => {
    const throwaway = await startServer();
    try {
      return await throwaway.snapshot();
    } finally {
      await throwaway.close();
    }
  };
  return {
    url: `postgresql://${host}:${port}`,
    async snapshot() {
      if (!closed) return (await server()).snapshot();
      if (started) return (await started).snapshot();
      pristine ??= pristineSnapshot();
      return pristine;
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>(resolve =>
        proxy.close(() => resolve()),
      );
      // Stopping the server (after it has read its last snapshot) ends the piped connections.
      await (await started?.catch(() => undefined))?.close();
      for (const socket of sockets) socket.destroy();
      await stopped;
    },
  };
}
