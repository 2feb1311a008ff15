import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A local HTTP server that accepts requests and never answers them (timeout and abort tests). */
export interface SilentServer {
  url: string;
  close(): void;
}

/** Starts a {@link SilentServer} on a free port. */
export async function startSilentServer(): Promise<SilentServer> {
  const server = http.createServer(() => {});
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
