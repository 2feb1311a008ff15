import http from 'node:http';
import { AddressInfo } from 'node:net';

/** What a {@link TestServer} recorded of one request it got. */
interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/query?query=up`. */
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A local HTTP server started for a test. */
export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Every request the server got, in order; a test may empty it (`requests.length = 0`). */
  requests: RecordedRequest[];
  /** Ends open connections (also requests left unanswered) and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a {@link TestServer} on 127.0.0.1 and a free port. Each request is recorded, then given
 * to `handler`; without a handler the server never answers (timeout and abort tests).
 */
export async function startTestServer(
  handler?: http.RequestListener,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method!, url: req.url!, headers: req.headers });
    handler?.(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** A {@link TestServer} that accepts requests and never answers them. */
export type SilentServer = TestServer;

/** Starts a {@link SilentServer}: {@link startTestServer} without a handler. */
export function startSilentServer(): Promise<SilentServer> {
  return startTestServer();
}
