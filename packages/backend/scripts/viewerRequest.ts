import http from 'node:http';
import zlib from 'node:zlib';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * One viewer's request, as a browser makes it: a kept-alive connection, `accept-encoding: gzip`, the
 * body decompressed natively. (Node's `fetch` decompresses through web streams, which at 100 viewers
 * costs the load generator more than the backend spends answering.)
 */
export function viewerRequest(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent, headers: { ...headers, 'accept-encoding': 'gzip' } },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          try {
            const body =
              response.headers['content-encoding'] === 'gzip'
                ? zlib.gunzipSync(raw)
                : raw;
            resolve({ status: response.statusCode ?? 0, body });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
  });
}
