import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningServer } from '../types';

/** Starts an HTTP server on host:port and gives its URL and a close that also ends open connections. */
export function listen(
  handler: http.RequestListener,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close(err => (err ? fail(err) : done()));
          }),
      });
    });
  });
}
