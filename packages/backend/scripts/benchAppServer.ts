/*
 * The built frontend for the browser benchmark, served from a private copy: the journeys (scripts/e2e)
 * rebuild packages/app/dist while they run, which would swap the chunks under a page being measured.
 * The build and the copy run under the journeys' lock (/tmp/sandbox-ports.lock), so neither sees the
 * other's half-written dist. The server renders index.html from the build's template with the
 * benchmark's config the way the backend's app plugin does, serves the static files, and passes
 * `/api/` and `/.backstage/` to the backend unchanged (same origin, as when the backend serves the app).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/testing/startBackendProcess';

const LOCK = '/tmp/sandbox-ports.lock';
/** Where `yarn workspace app build` writes the frontend. */
export const APP_DIST = path.join(REPO_ROOT, 'packages/app/dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Builds the frontend (unless `build` is false) and copies packages/app/dist to a temporary directory,
 * both under the journeys' lock. Returns the copy's path.
 */
export async function buildAndCopyFrontend(build: boolean): Promise<string> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-app-'));
  const steps = [
    ...(build
      ? [
          `yarn workspace app build --config "${path.join(
            REPO_ROOT,
            'app-config.yaml',
          )}" >/dev/null`,
        ]
      : []),
    `cp -r "${APP_DIST}/." "${copy}/"`,
  ].join(' && ');
  const started = performance.now();
  const child = spawn('flock', [LOCK, 'sh', '-c', steps], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const status = await new Promise<number | null>(resolve =>
    child.once('exit', resolve),
  );
  if (status !== 0) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw new Error(`building or copying the frontend failed (${status})`);
  }
  if (!fs.existsSync(path.join(copy, 'index.html.tmpl'))) {
    throw new Error(`the frontend build has no index.html.tmpl (${copy})`);
  }
  console.log(
    `frontend ${build ? 'built and ' : ''}copied to ${copy} in ${(
      (performance.now() - started) /
      1000
    ).toFixed(0)} s (waiting for the lock included)`,
  );
  return copy;
}

/** One context of the runtime config the app plugin injects into index.html. */
type AppConfigContext = { context: string; data: Record<string, any> };

/**
 * The frontend's runtime config as the backend's app plugin injects it into the page it serves (its
 * `backstage.io/config` script: the config the frontend may see), with `app.baseUrl` and
 * `backend.baseUrl` set to `url`.
 */
export async function frontendConfigOf(
  backendUrl: string,
  url: string,
): Promise<AppConfigContext[]> {
  const response = await fetch(`${backendUrl}/`, {
    signal: AbortSignal.timeout(30_000),
  });
  const html = await response.text();
  const match = /<script type="backstage.io\/config">([\s\S]*?)<\/script>/.exec(
    html,
  );
  if (!response.ok || !match) {
    throw new Error(
      `the backend at ${backendUrl} serves no app page with its config (HTTP ${response.status}); build packages/app first`,
    );
  }
  const configs = JSON.parse(match[1]) as AppConfigContext[];
  for (const { data } of configs) {
    if (data.app?.baseUrl) data.app.baseUrl = url;
    if (data.backend?.baseUrl) data.backend.baseUrl = url;
  }
  return configs;
}

/** The app's index.html from the build's template, with `configs` as the runtime config. */
function renderIndexHtml(distDir: string, configs: AppConfigContext[]) {
  const template = fs.readFileSync(
    path.join(distDir, 'index.html.tmpl'),
    'utf8',
  );
  const title = configs.find(c => c.data.app?.title)?.data.app.title;
  const html = template
    .replaceAll('<%= publicPath %>', '')
    .replace(
      "<%= config.getOptionalString('app.title') ?? 'Backstage' %>",
      title ?? 'Backstage',
    );
  if (html.includes('<%=')) {
    throw new Error(
      'index.html.tmpl has a placeholder this server does not fill',
    );
  }
  const injected = JSON.stringify(configs)
    .replaceAll('</script', '')
    .replaceAll('<!--', '');
  return html.replace(
    '</head>',
    `<script type="backstage.io/config">\n${injected}\n</script>\n</head>`,
  );
}

/** The frontend server: its URL and how to stop it. */
export interface BenchAppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the frontend copy in `distDir` on `port`, passing `/api/` and `/.backstage/` to `backendUrl`.
 * `configs` is the runtime config the page gets (see {@link frontendConfigOf}).
 */
export async function startBenchAppServer(options: {
  distDir: string;
  port: number;
  backendUrl: string;
  configs: AppConfigContext[];
}): Promise<BenchAppServer> {
  const indexHtml = renderIndexHtml(options.distDir, options.configs);
  const backend = new URL(options.backendUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (
      url.pathname.startsWith('/api/') ||
      url.pathname.startsWith('/.backstage/')
    ) {
      const upstream = http.request(
        {
          host: backend.hostname,
          port: backend.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: backend.host },
          timeout: 60_000,
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
      upstream.on('error', error => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(error));
      });
      req.pipe(upstream);
      return;
    }
    const file = path.join(options.distDir, path.normalize(url.pathname));
    if (
      file.startsWith(options.distDir) &&
      url.pathname !== '/' &&
      fs.existsSync(file) &&
      fs.statSync(file).isFile()
    ) {
      res.writeHead(200, {
        'content-type':
          CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        // Hashed chunks, as the app plugin serves them: a second visit reads them from the cache.
        'cache-control': url.pathname.startsWith('/static/')
          ? 'public, max-age=1209600'
          : 'no-store',
      });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES['.html'],
      'cache-control': 'no-store',
    });
    res.end(indexHtml);
  });
  await new Promise<void>(resolve =>
    server.listen(options.port, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
