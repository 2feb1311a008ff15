import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A reverse proxy that counts the requests it forwards: tests and benchmarks count upstream calls. */
export interface CountingProxy {
  url: string;
  /** Requests the upstream has answered so far. */
  count(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts a counting reverse proxy to `target` on a free localhost port.
 */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const upstream = new URL(target);
  let count = 0;
  const server = http.createServer((req, res) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        // A fresh connection per request: a reused socket the upstream has closed would turn into a
        // 502 and a retry, and the count would lie.
        agent: false,
      },
      answer => {
        // Counted when the upstream answers: a request that never reached it is no upstream call.
        count += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => count,
    reset: () => {
      count = 0;
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
