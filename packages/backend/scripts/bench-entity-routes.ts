/*
 * Benchmark of the per-entity routes (observability and delivery) under concurrent viewers.
 *
 *   yarn workspace backend bench:entity-routes
 *   BENCH_VIEWERS=100 BENCH_SECONDS=30 BENCH_THINK_MS=1000 BENCH_SETTLE_SECONDS=10 (defaults)
 *
 * Starts the sandbox with a counting proxy in front of every upstream the routes read, and the real
 * backend (development config, SQLite) as its own process. For each route, V viewers each request
 * the same entity in a loop for S seconds, waiting THINK ms between their requests (a viewer whose
 * page reloads every second; 0 makes it a saturation test). Prints backend latency
 * percentiles and the upstream calls made, against the naive approach of every request asking every
 * upstream (the cost of one cold report × requests).
 *
 * The viewers are a signed-in user (guest provider, a member of search-team), so every catalog read of
 * the entity is decided by the permission backend with the suite's policy
 * (plugins/permission-backend-module-runtime), as in the portal. BENCH_CALLER=service uses the static
 * token instead (a service principal, which Backstage allows without asking the policy).
 */
import { startBenchPortal } from './benchPortal';
import { viewerRequest } from './viewerRequest';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
/** Time given to the backend's start-up work (search indexing, first catalog passes) before measuring. */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 10);
const ENTITY = 'component/default/semantic-search';
const CALLER = process.env.BENCH_CALLER === 'service' ? 'service' : 'user';

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/**
 * Fails unless the backend runs the suite's permission policy: it refuses the team member's
 * registration of a location (a dry run), which an allow-all policy would let through.
 */
async function requireRuntimePolicy(
  baseUrl: string,
  headers: Record<string, string>,
) {
  const response = await fetch(`${baseUrl}/api/catalog/locations?dryRun=true`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'url',
      target: 'https://example.com/catalog-info.yaml',
    }),
  });
  if (response.status !== 403) {
    throw new Error(
      `expected the Runtime permission policy to refuse a location for a team member, got HTTP ${response.status}`,
    );
  }
}

async function main() {
  const portal = await startBenchPortal(17307);
  const { backend, upstreamCalls, resetCalls } = portal;
  try {
    await portal.waitForEntity(ENTITY);
    await new Promise(res => setTimeout(res, SETTLE_SECONDS * 1000));
    const headers =
      CALLER === 'service' ? portal.headers : await portal.userHeaders();
    if (CALLER === 'user') await requireRuntimePolicy(backend.baseUrl, headers);
    console.log(
      `Entity routes benchmark: ${VIEWERS} concurrent viewers (${CALLER} caller) of ${ENTITY}, ${SECONDS} s each route, ${THINK_MS} ms between a viewer's requests\n`,
    );
    const rows: string[] = [];
    for (const route of ['observability?range=1h', 'delivery']) {
      const url = `${backend.baseUrl}/api/runtime/entity/${ENTITY}/${route}`;
      resetCalls();
      const coldStarted = performance.now();
      const cold = await fetch(url, { headers });
      if (!cold.ok) throw new Error(`${route}: HTTP ${cold.status}`);
      await cold.json();
      const coldMs = performance.now() - coldStarted;
      const perReport = upstreamCalls();
      resetCalls();
      const latencies: number[] = [];
      let failures = 0;
      const failureMessages: string[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: VIEWERS }, async (_, viewer) => {
          // Viewers arrive spread over one think time, as real page loads do, not all at one instant.
          await new Promise(res =>
            setTimeout(res, (viewer / VIEWERS) * THINK_MS),
          );
          while (performance.now() < deadline) {
            const started = performance.now();
            const status = await viewerRequest(url, headers).then(
              response => response.status,
              (error: Error) => {
                failureMessages.push(error.message);
                return 0;
              },
            );
            latencies.push(performance.now() - started);
            if (status !== 200) failures++;
            if (THINK_MS > 0) {
              await new Promise(res => setTimeout(res, THINK_MS));
            }
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      const made = upstreamCalls();
      const naive = latencies.length * perReport;
      rows.push(
        [
          route.split('?')[0].padEnd(13),
          String(latencies.length).padStart(8),
          (latencies.length / SECONDS).toFixed(0).padStart(7),
          percentile(latencies, 50).toFixed(1).padStart(7),
          percentile(latencies, 95).toFixed(1).padStart(7),
          percentile(latencies, 99).toFixed(1).padStart(7),
          coldMs.toFixed(0).padStart(7),
          String(perReport).padStart(10),
          String(made).padStart(9),
          String(naive).padStart(9),
          String(failures).padStart(6),
        ].join(' '),
      );
      if (failureMessages.length > 0) {
        rows.push(`  first failure: ${failureMessages[0]}`);
      }
    }
    console.log(
      'route         requests   req/s  p50 ms  p95 ms  p99 ms cold ms calls/cold  upstream     naive errors',
    );
    rows.forEach(r => console.log(r));
    console.log(
      '\nupstream = upstream calls made during the run; naive = requests x calls of one cold report.',
    );
  } finally {
    await portal.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
