import { spawn } from 'node:child_process';
import { Request, Response } from 'express';

/** Where Debian installs git's smart-HTTP CGI program. */
const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/** One smart-HTTP request for a repository under the project root. */
export interface GitHttpRequest {
  /** `GIT_PROJECT_ROOT`. */
  projectRoot: string;
  /** The path below the root, e.g. `/group/project.git/info/refs`. */
  pathInfo: string;
  /** `REMOTE_USER`: git http-backend enables receive-pack only for an authenticated user. */
  remoteUser?: string;
  /**
   * Runs after the program ended and before the response ends, so that a client which has read the
   * whole answer (a push's report) sees its effects (GitLab's post-receive work).
   */
  beforeEnd?: () => Promise<void>;
}

/**
 * Runs `git http-backend` as a CGI program for one request: the request's method, query, content
 * type and encoding and the git protocol header go into the CGI environment, the body into its
 * standard input; the CGI headers it prints (`Status:` included) become the response's status and
 * headers, the rest is streamed as the body. Resolves when the response has ended.
 */
export function serveGitHttp(
  req: Request,
  res: Response,
  request: GitHttpRequest,
): Promise<void> {
  return new Promise(resolve => {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: request.projectRoot,
      GIT_PROJECT_ROOT: request.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: request.pathInfo,
      REQUEST_METHOD: req.method,
      QUERY_STRING: query,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    };
    if (request.remoteUser) env.REMOTE_USER = request.remoteUser;
    const contentType = req.get('content-type');
    if (contentType) env.CONTENT_TYPE = contentType;
    const contentLength = req.get('content-length');
    if (contentLength) env.CONTENT_LENGTH = contentLength;
    const contentEncoding = req.get('content-encoding');
    if (contentEncoding) env.HTTP_CONTENT_ENCODING = contentEncoding;
    const gitProtocol = req.get('git-protocol');
    if (gitProtocol) env.GIT_PROTOCOL = gitProtocol;

    const child = spawn(GIT_HTTP_BACKEND, [], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let head = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const split = findHeaderEnd(head);
      if (!split) return;
      writeCgiHeaders(
        res,
        head.subarray(0, split.headerEnd).toString('latin1'),
      );
      headersSent = true;
      res.write(head.subarray(split.bodyStart));
    });
    child.on('error', () => {
      if (!res.headersSent)
        res.status(500).type('text/plain').send('git http-backend failed\n');
      resolve();
    });
    child.on('close', async () => {
      if (!headersSent && !res.headersSent) {
        res.status(500).type('text/plain').send('git http-backend failed\n');
      } else {
        await request.beforeEnd?.().catch(() => undefined);
        res.end();
      }
      resolve();
    });
    child.stdin.on('error', () => {});
    req.pipe(child.stdin);
  });
}

/** Where the CGI header block ends (a blank line, CRLF or LF) and the body starts. */
function findHeaderEnd(
  buffer: Buffer,
): { headerEnd: number; bodyStart: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) {
    return { headerEnd: crlf, bodyStart: crlf + 4 };
  }
  if (lf >= 0) return { headerEnd: lf, bodyStart: lf + 2 };
  return undefined;
}

/** Applies CGI response headers: `Status: 404 Not Found` sets the status, the rest are headers. */
function writeCgiHeaders(res: Response, block: string) {
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      res.status(Number.parseInt(value, 10) || 200);
    } else {
      res.append(name, value);
    }
  }
}
