/*
 * Benchmark: list 10,000 KubeAI Models through KubernetesClient.listAll (pages of 500).
 *
 * Run from the repository root:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs plugins/runtime-node/scripts/bench-kubernetes-list.ts
 * or: yarn workspace @runtime-portal/backstage-plugin-runtime-node bench:kubernetes
 * Options: --objects N (default 10000), --page-size N (default 500), --runs N (default 3).
 *
 * The sandbox API server runs in a child process, so the memory figures are the client's own.
 */
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { KubernetesClient, MODEL_KIND } from '../src';

const NAMESPACE = 'bench';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface SandboxReady {
  type: 'sandbox-ready';
  url: string;
  token: string;
  insertMs: number;
}

async function startServerProcess(
  objects: number,
): Promise<SandboxReady & { child: ChildProcess }> {
  const child = fork(
    path.join(__dirname, 'benchSandboxServer.ts'),
    [NAMESPACE, String(objects)],
    {
      execArgv: process.execArgv,
      stdio: 'inherit',
    },
  );
  // The TypeScript transform also talks over this channel (`watch` messages): wait for ours.
  const ready = await new Promise<SandboxReady>((resolve, reject) => {
    child.on('message', (message: SandboxReady) => {
      if (message?.type === 'sandbox-ready') resolve(message);
    });
    child.once('exit', code =>
      reject(new Error(`sandbox process exited with ${code}`)),
    );
  });
  return { child, ...ready };
}

/** One listAll run with memory sampled every 5 ms and after every page. */
async function measure(client: KubernetesClient, pageSize: number) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const sampler = setInterval(sample, 5);
  let pages = 0;
  let objects = 0;
  const started = process.hrtime.bigint();
  for await (const item of client.listAll(MODEL_KIND, {
    namespace: NAMESPACE,
    limit: pageSize,
    onPage: () => {
      pages++;
      sample();
    },
  })) {
    if (item.metadata.name) objects++;
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  sample();
  return { objects, pages, wallMs, before, peakRss, peakHeap };
}

async function main() {
  const objects = option('objects', 10_000);
  const pageSize = option('page-size', 500);
  const runs = option('runs', 3);
  const { child, url, token, insertMs } = await startServerProcess(objects);
  try {
    const client = new KubernetesClient({
      environment: 'bench',
      access: {
        url,
        authProvider: 'serviceAccount',
        serviceAccountToken: token,
        skipTLSVerify: true,
        timeoutMs: 30_000,
      },
    });
    console.log(
      `sandbox: ${objects} Models inserted in ${insertMs} ms (separate process); listing with page size ${pageSize}, node ${process.version}`,
    );
    for (let run = 1; run <= runs; run++) {
      const r = await measure(client, pageSize);
      const figures = [
        `${r.objects} objects`,
        `${r.pages} pages`,
        `${r.wallMs.toFixed(0)} ms`,
        `${Math.round((r.objects / r.wallMs) * 1000)} objects/s`,
        `peak RSS ${mb(r.peakRss)} MB (before ${mb(r.before.rss)} MB)`,
        `peak heap ${mb(r.peakHeap)} MB (before ${mb(r.before.heapUsed)} MB)`,
      ];
      console.log(`run ${run}: ${figures.join(', ')}`);
    }
    console.log(
      `process max RSS: ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
    );
  } finally {
    child.disconnect();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
