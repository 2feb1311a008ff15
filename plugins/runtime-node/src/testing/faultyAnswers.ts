import http from 'node:http';

/** The start of a JSON list answer, cut off where a reset or a stall leaves it. */
const CUT_OFF_JSON = '[{"labels":{"alertname":"DiskFull"},"annotations":';

/**
 * A handler that answers 200 with `body`'s declared length, sends its first half, then resets the
 * connection (TCP RST), as a crashing upstream or a proxy dropping the connection does.
 */
export function resetMidBody(body: string = CUT_OFF_JSON.repeat(4)) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.write(body.slice(0, Math.floor(body.length / 2)), () =>
      setTimeout(() => res.socket?.resetAndDestroy(), 20),
    );
  };
}

/**
 * A handler that answers 200 and sends the first part of a JSON answer, then nothing more: the client's
 * timeout must end the read.
 */
export function stallMidBody(body: string = CUT_OFF_JSON) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(body);
  };
}

/**
 * A handler that answers 200 with a chunked body that never ends (it writes as fast as the client
 * reads): a client that buffers the whole body never finishes; one that counts stops at its limit.
 * `sent` receives the number of bytes written so far.
 */
export function endlessBody(sent: { bytes: number } = { bytes: 0 }) {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    const pump = () => {
      while (!res.destroyed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
}

/** A handler that answers 200 and declares a body of `bytes` bytes, sending only a little of it. */
export function declaredTooLarge(bytes: number) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': bytes,
    });
    res.write('[');
  };
}

/** A handler that answers 200 with `body` as it is (e.g. not JSON, or empty). */
export function answerWith(body: string) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
}
