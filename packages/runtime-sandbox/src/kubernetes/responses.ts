import http from 'node:http';

/** A warning as kube-apiserver sends it: `Warning: 299 - "text"` (quotes and backslashes escaped). */
function warningHeader(text: string): string {
  return `299 - "${text.replace(/["\\]/g, c => `\\${c}`)}"`;
}

/** Writes a JSON response as kube-apiserver does, with the request's warnings as `Warning` headers. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  warnings: string[] = [],
) {
  const text = JSON.stringify(body);
  if (warnings.length > 0)
    res.setHeader('warning', warnings.map(warningHeader));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}
