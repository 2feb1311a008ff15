import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request a {@link RecordingProxy} forwarded. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  /** When the request reached the proxy (epoch ms). */
  at: number;
}

/** A request the proxy keeps from its upstream until the test lets it go. */
interface HeldRequest {
  /** Resolves with the request once one matching request has arrived (and is being held). */
  arrived: Promise<RecordedRequest>;
  /** Forwards the held request (or, before one arrived, stops waiting for one). */
  release(): void;
}

/**
 * A reverse proxy that records every request it forwards (method, path, time), and can hold one
 * matching request back: tests see which upstream calls a backend made, and when, and can keep a
 * backend in the middle of a call. (`startCountingProxy` of the sandbox counts only.)
 */
export interface RecordingProxy {
  url: string;
  /** The requests the upstream has answered so far, oldest first. */
  requests(): RecordedRequest[];
  /** Holds back the next request that `matches` until `release()`. */
  holdNext(matches: (request: RecordedRequest) => boolean): HeldRequest;
  close(): Promise<void>;
}

/** Starts a {@link RecordingProxy} to `target` on a free localhost port. */
export async function startRecordingProxy(
  target: string,
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const answered: RecordedRequest[] = [];
  const holds: Array<{
    matches: (request: RecordedRequest) => boolean;
    arrive: (request: RecordedRequest, forward: () => void) => void;
  }> = [];

  const server = http.createServer((req, res) => {
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      at: Date.now(),
    };
    const forward = () => {
      const outgoing = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent: false,
        },
        answer => {
          // Recorded when the upstream answers: a request that never reached it is no upstream call.
          answered.push(recorded);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      outgoing.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(outgoing);
    };
    const hold = holds.findIndex(h => h.matches(recorded));
    if (hold === -1) {
      forward();
      return;
    }
    const [{ arrive }] = holds.splice(hold, 1);
    req.pause();
    arrive(recorded, forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...answered],
    holdNext(matches) {
      let released = false;
      let forwardHeld: (() => void) | undefined;
      let resolveArrived!: (request: RecordedRequest) => void;
      const arrived = new Promise<RecordedRequest>(resolve => {
        resolveArrived = resolve;
      });
      const entry = {
        matches,
        arrive: (request: RecordedRequest, forward: () => void) => {
          if (released) {
            forward();
            return;
          }
          forwardHeld = forward;
          resolveArrived(request);
        },
      };
      holds.push(entry);
      return {
        arrived,
        release() {
          released = true;
          const waiting = holds.indexOf(entry);
          if (waiting !== -1) holds.splice(waiting, 1);
          forwardHeld?.();
          forwardHeld = undefined;
        },
      };
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
