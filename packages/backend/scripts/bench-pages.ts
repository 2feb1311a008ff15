/*
 * Browser benchmark of the entity pages at platform scale: N KubeAI Models hosted by one runtime
 * component (KubeAI) and all used by one service, and how fast those two pages become usable in Chromium.
 *
 *   yarn workspace backend bench:pages
 *   BENCH_RESOURCES=10000 BENCH_SERVICE=support-assistant BENCH_BUILD=1 BENCH_DATABASE=sqlite (defaults)
 *   BENCH_DATABASE=postgres: the catalog on this machine's PostgreSQL (as in production), in databases of its own
 *   BENCH_PROFILE=1: also print where the renderer spent its CPU time until each page was usable
 *
 * Starts the sandbox in a process of its own seeded with N extra Models on the service and the real
 * backend (development config: SQLite in memory, the guest sign-in); meanwhile builds the frontend
 * (BENCH_BUILD=0 reuses packages/app/dist) and serves a copy of it on the next port, passing the API to
 * the backend (benchAppServer.ts); waits until the catalog holds every Model;
 * then signs in with Chromium (/usr/bin/chromium or CHROMIUM_PATH) and opens each page in a new tab of
 * the signed-in browser, after a small page of the same kind (MinIO's, BENCH_WARM_SERVICE's), so the
 * app's bundles and the page's lazy chunks come from the browser's cache, as on a second visit.
 *
 * "Usable" is the first moment the page shows its About card, its Relations card with at least one
 * relation and the first rows of its resources table, and the renderer answers a script call; each is
 * timed from the navigation's start, with a 60 s limit. The click figure is the time from clicking the
 * table's next-page button until the second page's rows show. Bytes are what Chromium received over
 * the network (CDP `Network.loadingFinished`'s encoded length), from the backend's `/api/` routes and in
 * all, up to "usable" and after the page went quiet (no request for 2 s, at most 30 s more).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from '@playwright/test';
import {
  APP_DIST,
  buildAndCopyFrontend,
  frontendConfigOf,
  startBenchAppServer,
} from './benchAppServer';
import {
  analyzeTestDatabases,
  dropTestDatabases,
  newTestRun,
  testPostgres,
} from '../src/testing/testDatabases';
import { startBenchPortal } from './benchPortal';
import { profileRenderer, RendererProfile } from './benchProfile';

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
const SERVICE = process.env.BENCH_SERVICE ?? 'support-assistant';
const BUILD = process.env.BENCH_BUILD !== '0';
/** A service of the seed without the extra Models, whose page warms the browser's cache. */
const WARM_SERVICE = process.env.BENCH_WARM_SERVICE ?? 'semantic-search';
/** BENCH_PROFILE=1: print where the renderer spent its time until the page was usable. */
const PROFILE = process.env.BENCH_PROFILE === '1';
/** The catalog's database: `sqlite` (in memory, the development config) or `postgres` (this machine's, as in production). */
const DATABASE = process.env.BENCH_DATABASE ?? 'sqlite';
const PORT = Number(process.env.BENCH_PORT ?? 17507);
/** The frontend's server (see benchAppServer.ts). */
const APP_PORT = PORT + 1;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LIMIT_MS = 60_000;
const GOAL_MS = 3_000;

/** The page's parts that make it usable: an element matching the selector (and with the text, when given). */
const CHECKS = {
  about: { selector: 'h2, h3, h4, h5, h6, span', text: 'About' },
  /** The Relations card (EntityRelationsCard): at least one relation type listed. */
  relations: { selector: '[data-testid="entity-relation"]', text: null },
  table: {
    selector: '[data-testid="runtime-resources-table"] tbody tr',
    text: null,
  },
} as const;
type Check = keyof typeof CHECKS;

const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;
const ms = (value: number | undefined) =>
  value === undefined ? `> ${LIMIT_MS / 1000} s` : `${Math.round(value)} ms`;

/** Counts the bytes the page receives over the network, split into the backend's API and the rest. */
async function countBytes(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  const urls = new Map<string, string>();
  const counts = {
    /** Decoded (uncompressed) bytes of the `/api/` responses. */
    apiDecoded: 0,
    api: 0,
    all: 0,
    requests: 0,
    largest: { url: '', bytes: 0 },
  };
  /** When each request was sent and when its response finished loading (`performance.now()`). */
  const times = new Map<string, { sent: number; finished?: number }>();
  let lastActivity = performance.now();
  session.on('Network.requestWillBeSent', event => {
    const body = event.request.postData;
    // A POST's body says what it asks for (e.g. which refs by-refs reads).
    urls.set(
      event.requestId,
      body ? `${event.request.url} ${body.slice(0, 120)}` : event.request.url,
    );
    lastActivity = performance.now();
    times.set(event.requestId, { sent: lastActivity });
  });
  const decoded = new Map<string, number>();
  session.on('Network.dataReceived', event => {
    const url = urls.get(event.requestId) ?? '';
    if (new URL(url, 'http://x').pathname.startsWith('/api/')) {
      counts.apiDecoded += event.dataLength;
      decoded.set(
        event.requestId,
        (decoded.get(event.requestId) ?? 0) + event.dataLength,
      );
    }
  });
  session.on('Network.loadingFinished', event => {
    const url = urls.get(event.requestId) ?? '';
    const time = times.get(event.requestId);
    if (time) time.finished = performance.now();
    const bytes = event.encodedDataLength;
    counts.all += bytes;
    counts.requests++;
    if (new URL(url, 'http://x').pathname.startsWith('/api/')) {
      counts.api += bytes;
      if (bytes > counts.largest.bytes) counts.largest = { url, bytes };
    }
    lastActivity = performance.now();
  });
  return {
    snapshot: () => ({ ...counts, largest: { ...counts.largest } }),
    /** The `n` largest `/api/` responses, decoded. */
    largestDecoded: (n: number) =>
      [...decoded.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([id, bytes]) => ({ url: urls.get(id) ?? '', bytes })),
    /** The `/api/` requests sent after `since`, with when each was sent and finished, relative to `since`. */
    apiTimeline: (since: number) =>
      [...times.entries()]
        .filter(
          ([id, t]) =>
            t.sent >= since &&
            new URL(urls.get(id) ?? '', 'http://x').pathname.startsWith(
              '/api/',
            ),
        )
        .sort((a, b) => a[1].sent - b[1].sent)
        .map(([id, t]) => ({
          url: urls.get(id) ?? '',
          sentMs: t.sent - since,
          finishedMs: t.finished === undefined ? undefined : t.finished - since,
        })),
    /** Resolves once no request started or finished for `quietMs`, or after `maxMs`. */
    async settle(quietMs: number, maxMs: number) {
      const deadline = performance.now() + maxMs;
      while (
        performance.now() - lastActivity < quietMs &&
        performance.now() < deadline
      ) {
        await new Promise(res => setTimeout(res, 200));
      }
    },
  };
}

function printProfile(label: string, profile: RendererProfile) {
  console.log(
    `  ${label}: renderer busy ${ms(profile.totalMs)} until usable; by script:`,
  );
  for (const s of profile.scripts) {
    console.log(`    ${ms(s.ms).padStart(8)}  ${s.url}`);
  }
  console.log(`  ${label}: by function (self time):`);
  for (const f of profile.functions) {
    console.log(`    ${ms(f.ms).padStart(8)}  ${f.name}`);
  }
}

/** Resolves with `promise`'s value, or `undefined` after `ms`. */
function within<T>(promise: Promise<T>, limit: number): Promise<T | undefined> {
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>(res => setTimeout(() => res(undefined), limit)),
  ]);
}

interface PageFigures {
  label: string;
  marks: Partial<Record<Check | 'answers', number>>;
  usableMs?: number;
  clickMs?: number;
  totalRows?: string;
  atUsable: ReturnType<Awaited<ReturnType<typeof countBytes>>['snapshot']>;
  settled: ReturnType<Awaited<ReturnType<typeof countBytes>>['snapshot']>;
}

async function measurePage(
  browser: Browser,
  storageState: Awaited<
    ReturnType<Awaited<ReturnType<Browser['newContext']>>['storageState']>
  >,
  label: string,
  url: string,
  warmUrl: string,
): Promise<PageFigures> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    viewport: { width: 1440, height: 900 },
    storageState,
  });
  const page = await context.newPage();
  try {
    // A second visit: the app's bundles, and the lazy chunks of this kind of page, are in the browser's
    // cache, from a small entity page of the same kind.
    await page.goto(warmUrl, { waitUntil: 'load' });
    await within(
      page.waitForSelector(CHECKS.table.selector, { timeout: LIMIT_MS }),
      LIMIT_MS,
    );
    // The first visit is over when its requests are (its cards' reports), not when its table shows:
    // otherwise they would still load the backend while the measured page starts.
    await within(
      page.waitForLoadState('networkidle', { timeout: 30_000 }),
      30_000,
    );
    const bytes = await countBytes(page);
    const stopProfile = PROFILE ? await profileRenderer(page) : undefined;
    const started = performance.now();
    const marks: PageFigures['marks'] = {};
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = started + LIMIT_MS;
    for (const check of Object.keys(CHECKS) as Check[]) {
      const found = await within(
        page.waitForFunction(
          ({ selector, text }) =>
            Array.from(document.querySelectorAll(selector)).some(
              element => text === null || element.textContent?.trim() === text,
            ),
          CHECKS[check],
          { timeout: LIMIT_MS, polling: 100 },
        ),
        Math.max(0, deadline - performance.now()),
      );
      if (found) marks[check] = performance.now() - started;
    }
    const answered = await within(
      page.evaluate(() => 1),
      Math.max(1000, deadline - performance.now()),
    );
    if (answered) marks.answers = performance.now() - started;
    const complete = Object.keys(CHECKS).every(c => marks[c as Check]);
    const usableMs = complete && answered ? marks.answers : undefined;
    const atUsable = bytes.snapshot();
    if (stopProfile) printProfile(label, await stopProfile());

    let clickMs: number | undefined;
    let totalRows: string | undefined;
    if (marks.table) {
      totalRows =
        (await within(
          page
            .locator('[data-testid="runtime-resources-table-count"]')
            .innerText(),
          5000,
        )) ?? undefined;
      const next = page.getByRole('button', { name: 'Next page' });
      const firstRow = await page
        .locator(CHECKS.table.selector)
        .first()
        .innerText();
      const clicked = performance.now();
      const moved = await within(
        (async () => {
          await next.click({ timeout: 10_000 });
          await page.waitForFunction(
            ([selector, before]) =>
              document.querySelector(selector)?.textContent !== before,
            [CHECKS.table.selector, firstRow] as const,
            { timeout: 10_000, polling: 'raf' },
          );
          return true;
        })(),
        10_000,
      );
      if (moved) clickMs = performance.now() - clicked;
    }
    await bytes.settle(2000, 30_000);
    // The critical path: each API request sent before the page was usable, when sent and when done.
    const usableAt = usableMs ?? LIMIT_MS;
    for (const r of bytes.apiTimeline(started)) {
      if (r.sentMs > usableAt) continue;
      const shown = r.url.replace(/^https?:\/\/[^/]+/, '');
      console.log(
        `  ${label}: ${ms(r.sentMs).padStart(8)} → ${(r.finishedMs === undefined
          ? 'unfinished'
          : ms(r.finishedMs)
        ).padStart(8)}  ${
          shown.length > 140 ? `${shown.slice(0, 140)}…` : shown
        }`,
      );
    }
    for (const r of bytes.largestDecoded(5)) {
      console.log(
        `  ${label}: ${kib(r.bytes)} decoded ${r.url.replace(
          /^https?:\/\/[^/]+/,
          '',
        )}`,
      );
    }
    return {
      label,
      marks,
      usableMs,
      clickMs,
      totalRows,
      atUsable,
      settled: bytes.snapshot(),
    };
  } finally {
    await within(context.close(), 10_000);
  }
}

/** Waits until the catalog has `expected` Resources hosted by KubeAI. */
async function waitForModels(
  baseUrl: string,
  headers: Record<string, string>,
  expected: number,
) {
  const query = new URLSearchParams({
    filter: 'kind=resource,relations.dependsOn=component:default/kubeai',
    limit: '1',
  });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const response = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?${query}`,
      { headers },
    );
    if (response.ok) {
      const { totalItems } = await response.json();
      if (totalItems >= expected) return totalItems as number;
    }
    if (Date.now() > deadline) {
      throw new Error(`the catalog did not get ${expected} KubeAI resources`);
    }
    await new Promise(res => setTimeout(res, 2000));
  }
}

function print(figures: PageFigures[]) {
  console.log(
    `\npage                       about    relations  table     answers   usable    click     API bytes (usable / settled, decoded)          all bytes (settled)  requests  largest API response`,
  );
  for (const f of figures) {
    console.log(
      [
        f.label.padEnd(26),
        ms(f.marks.about).padEnd(8),
        ms(f.marks.relations).padEnd(10),
        ms(f.marks.table).padEnd(9),
        ms(f.marks.answers).padEnd(9),
        ms(f.usableMs).padEnd(9),
        (f.clickMs === undefined ? '-' : ms(f.clickMs)).padEnd(9),
        `${kib(f.atUsable.api)} / ${kib(f.settled.api)} (${kib(
          f.settled.apiDecoded,
        )} decoded)`.padEnd(44),
        kib(f.settled.all).padEnd(20),
        String(f.settled.requests).padEnd(9),
        `${kib(f.settled.largest.bytes)} ${f.settled.largest.url.replace(
          /^https?:\/\/[^/]+/,
          '',
        )}`,
      ].join(' '),
    );
    if (f.totalRows) console.log(`  table count: ${f.totalRows}`);
  }
  const met = figures.every(
    f => f.usableMs !== undefined && f.usableMs < GOAL_MS,
  );
  console.log(
    `\ngoal (each page usable in under ${GOAL_MS / 1000} s): ${
      met ? 'met' : 'NOT met'
    }`,
  );
}

async function main() {
  // The backend's app plugin serves the app's page (and its config, read by frontendConfigOf) only
  // when packages/app/dist exists as it starts: on a fresh checkout, build before starting it.
  const builtFirst =
    !fs.existsSync(path.join(APP_DIST, 'index.html.tmpl')) &&
    (await buildAndCopyFrontend(true));
  let t = performance.now();
  const backendUrl = `http://localhost:${PORT}`;
  const run = DATABASE === 'postgres' ? newTestRun() : undefined;
  const portal = await startBenchPortal(PORT, {
    sandboxEnv: {
      BENCH_SANDBOX_MODELS: String(RESOURCES),
      BENCH_SANDBOX_SERVICE: SERVICE,
    },
    backendEnv: {
      APP_CONFIG_app_baseUrl: APP_URL,
      APP_CONFIG_backend_cors_origin: APP_URL,
      ...(run && {
        APP_CONFIG_backend_database: JSON.stringify({
          client: 'pg',
          connection: { ...testPostgres, port: Number(testPostgres.port) },
          prefix: run.databasePrefix,
        }),
      }),
    },
  });
  // Stopped by a signal, still stop the sandbox's process and the backend (and their PostgreSQL).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      portal.stop().finally(() => process.exit(130));
    });
  }
  let browser: Browser | undefined;
  let distDir: string | undefined;
  let app: Awaited<ReturnType<typeof startBenchAppServer>> | undefined;
  try {
    console.log(
      `sandbox (${RESOURCES} extra Models on ${SERVICE}) and backend (${DATABASE}) started in ${(
        (performance.now() - t) /
        1000
      ).toFixed(1)} s`,
    );
    t = performance.now();
    const frontend = builtFirst
      ? Promise.resolve(builtFirst)
      : buildAndCopyFrontend(BUILD);
    const total = await waitForModels(backendUrl, portal.headers, RESOURCES);
    console.log(
      `the catalog holds ${total} KubeAI resources after ${(
        (performance.now() - t) /
        1000
      ).toFixed(1)} s more`,
    );
    if (run) {
      await analyzeTestDatabases(run);
      console.log('ANALYZE run in the backend databases (no autovacuum here)');
    }
    distDir = await frontend;
    app = await startBenchAppServer({
      distDir,
      port: APP_PORT,
      backendUrl,
      configs: await frontendConfigOf(backendUrl, APP_URL),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const signIn = await browser.newContext({ baseURL: APP_URL });
    const page = await signIn.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Runtime' })
      .waitFor({ timeout: 60_000 });
    const storageState = await signIn.storageState();
    await signIn.close();

    const figures: PageFigures[] = [];
    figures.push(
      await measurePage(
        browser,
        storageState,
        'runtime component (kubeai)',
        '/catalog/default/component/kubeai',
        '/catalog/default/component/minio',
      ),
    );
    figures.push(
      await measurePage(
        browser,
        storageState,
        `service (${SERVICE})`,
        `/catalog/default/component/${SERVICE}`,
        `/catalog/default/component/${WARM_SERVICE}`,
      ),
    );
    print(figures);
  } finally {
    await browser?.close();
    await app?.close();
    if (distDir) fs.rmSync(distDir, { recursive: true, force: true });
    await portal.stop();
    if (run) await dropTestDatabases(run);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
