/*
 * Benchmark of the catalog at scale, end to end: N live resources (KubeAI Models across the sandbox's
 * team namespaces) through the runtime provider into the real catalog on PostgreSQL, against the same
 * entities from a static file location (the catalog's own cost).
 *
 *   yarn workspace backend bench:catalog-scale
 *   BENCH_RESOURCES=10000 BENCH_WINDOW_SECONDS=160 (defaults; the catalog processes every entity every 100-150 s)
 *
 * Each case starts the backend with the production configuration (startProductionBackend: PostgreSQL
 * and Redis of this machine, a database prefix of its own, dropped afterwards) against one sandbox
 * (in this process) seeded with N extra Models, and prints:
 * - the time from the backend's start until a catalog query finds every inference endpoint;
 * - what the catalog wrote in the following window, in which nothing changed upstream (read from
 *   refresh_state / final_entities), and the provider's mutations in it (its log lines);
 * - the backend process's peak RSS (VmHWM).
 * Case 1 runs the runtime provider (scheduled every 20 s). Case 2 writes the live resources case 1's
 * provider emitted (refresh_state.unprocessed_entity) to one YAML file, configures it as the only
 * `file` location (case 1 has none: the example and template locations are left out of both) and
 * ingests no environment with the provider (which then emits only its small platform model, as in
 * case 1).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadSeed,
  RuntimeSeed,
  Sandbox,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { BackendProcess } from '../src/testing/startBackendProcess';
import { startProductionBackend } from '../src/testing/startProductionBackend';
import {
  dropTestDatabases,
  flushTestRedisKeys,
  newTestRun,
  TestRun,
} from '../src/testing/testDatabases';
import {
  catalogWrites,
  CatalogWrites,
  providerEntities,
  readCatalogState,
} from './catalogScaleDatabase';

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 160);
const TOKEN = 'bench-catalog-scale-token-0123456789';
const headers = { authorization: `Bearer ${TOKEN}` };
const PLATFORM_MODEL_LOCATION = 'runtime:platform-model';
const ENDPOINTS_QUERY =
  'filter=kind=resource,spec.type=inference-endpoint&limit=1';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The seed file with `n` more inference endpoints, spread over the teams' first services. */
function scaledSeed(n: number): RuntimeSeed {
  const seed = loadSeed();
  for (let i = 0; i < n; i++) {
    const service = seed.teams[i % seed.teams.length].services[0];
    service.inferenceEndpoints = [
      ...(service.inferenceEndpoints ?? []),
      {
        name: `bench-model-${i}`,
        url: `hf://bench/model-${i}`,
        engine: 'VLLM',
        features: ['TextGeneration'],
        resourceProfile: 'cpu:2',
        minReplicas: 0,
        maxReplicas: 1,
      },
    ];
  }
  return seed;
}

function endpointCount(seed: RuntimeSeed): number {
  return seed.teams
    .flatMap(team => team.services)
    .reduce((sum, s) => sum + (s.inferenceEndpoints?.length ?? 0), 0);
}

/** Peak RSS (VmHWM) of this process's child running the backend, in MB. */
function backendPeakRssMb(): number {
  const taskDir = `/proc/${process.pid}/task`;
  const children = fs
    .readdirSync(taskDir)
    .flatMap(task =>
      fs.readFileSync(`${taskDir}/${task}/children`, 'utf8').split(' '),
    )
    .filter(Boolean);
  const backend = children.find(pid =>
    fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('src/index.ts'),
  );
  if (!backend) throw new Error('no backend child process');
  const status = fs.readFileSync(`/proc/${backend}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]);
  return Math.round(kb / 1024);
}

/** Waits until the catalog's query finds `expected` inference endpoints. */
async function waitForEndpoints(backend: BackendProcess, expected: number) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const response = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-query?${ENDPOINTS_QUERY}`,
      { headers },
    );
    if (response.ok) {
      const { totalItems } = await response.json();
      if (totalItems >= expected) return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the catalog did not find ${expected} endpoints`);
    }
    await new Promise(res => setTimeout(res, 1000));
  }
}

interface CaseResult {
  label: string;
  readyMs: number;
  foundMs: number;
  entities: number;
  writes: CatalogWrites;
  providerLines: string[];
  peakRssMb: number;
}

/**
 * Starts a backend (its own run), waits for the endpoints, measures the unchanged
 * window, calls `beforeStop` and cleans up the run's databases and cache keys.
 */
async function measureCase(options: {
  label: string;
  sandbox: Sandbox;
  port: number;
  expected: number;
  config: Record<string, unknown>;
  beforeStop?: (run: TestRun) => Promise<void>;
}): Promise<CaseResult> {
  const run = newTestRun();
  const started = performance.now();
  const backend = await startProductionBackend({
    sandbox: options.sandbox,
    run,
    port: options.port,
    apiToken: TOKEN,
    subject: 'bench-catalog-scale',
    config: options.config,
  });
  try {
    const readyMs = performance.now() - started;
    await waitForEndpoints(backend, options.expected);
    const foundMs = performance.now() - started;
    console.log(
      `${options.label}: backend ready after ${seconds(
        readyMs,
      )}, all endpoints found after ${seconds(foundMs)}`,
    );
    const before = await readCatalogState(run);
    const logsBefore = backend.logs().length;
    await new Promise(res => setTimeout(res, WINDOW_SECONDS * 1000));
    const after = await readCatalogState(run);
    const result: CaseResult = {
      label: options.label,
      readyMs,
      foundMs,
      entities: after.size,
      writes: catalogWrites(before, after),
      providerLines: backend
        .logs()
        .slice(logsBefore)
        .filter(l => l.includes('Runtime catalog refresh:')),
      peakRssMb: backendPeakRssMb(),
    };
    await options.beforeStop?.(run);
    return result;
  } finally {
    await backend.stop();
    await dropTestDatabases(run);
    await flushTestRedisKeys(run);
  }
}

async function main() {
  const seed = scaledSeed(RESOURCES);
  const expected = endpointCount(seed);
  let t = performance.now();
  const sandbox = await startSandbox({ ports: 'free', seed });
  console.log(
    `sandbox: ${RESOURCES} extra Models (${expected} inference endpoints) started in ${seconds(
      performance.now() - t,
    )}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-scale-'));
  const file = path.join(dir, 'live-resources.yaml');
  const results: CaseResult[] = [];
  try {
    results.push(
      await measureCase({
        label: 'runtime provider',
        sandbox,
        port: 17311,
        expected,
        config: {
          catalog: {
            providers: {
              runtime: {
                schedule: { frequency: 'PT20S', timeout: 'PT3M' },
              },
            },
            // Neither case reads the example and template locations (the same few entities in both).
            locations: [],
          },
        },
        beforeStop: async run => {
          t = performance.now();
          const entities = await providerEntities(
            run,
            'runtime:',
            PLATFORM_MODEL_LOCATION,
          );
          fs.writeFileSync(
            file,
            entities
              .map(entity => {
                const annotations = { ...entity.metadata.annotations };
                delete annotations['backstage.io/managed-by-location'];
                delete annotations['backstage.io/managed-by-origin-location'];
                // JSON is YAML: one document per entity.
                return JSON.stringify({
                  ...entity,
                  metadata: { ...entity.metadata, annotations },
                });
              })
              .join('\n---\n'),
          );
          console.log(
            `wrote the provider's ${
              entities.length
            } live resource entities to ${file} (${Math.round(
              fs.statSync(file).size / 1024,
            )} KiB) in ${seconds(performance.now() - t)}`,
          );
        },
      }),
    );
    results.push(
      await measureCase({
        label: 'static file',
        sandbox,
        port: 17312,
        expected,
        config: {
          catalog: {
            providers: { runtime: { environments: ['bench-none'] } },
            locations: [{ type: 'file', target: file }],
          },
        },
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }

  console.log(
    `\n${expected} inference endpoints; writes over ${WINDOW_SECONDS} s after all were found, nothing changed upstream\n`,
  );
  console.log(
    'case              ready   found  entities  rediscovered  unproc.changed  reprocessed  result.changed  final.changed  peak RSS',
  );
  for (const r of results) {
    console.log(
      [
        r.label.padEnd(16),
        seconds(r.readyMs).padStart(7),
        seconds(r.foundMs).padStart(7),
        String(r.entities).padStart(9),
        String(r.writes.rediscovered).padStart(13),
        String(r.writes.unprocessedChanged).padStart(15),
        String(r.writes.reprocessed).padStart(12),
        String(r.writes.resultChanged).padStart(15),
        String(r.writes.finalChanged).padStart(14),
        `${r.peakRssMb} MB`.padStart(9),
      ].join(' '),
    );
    for (const line of r.providerLines) console.log(`  ${line}`);
  }
  const [provider, file_] = results;
  const ingest = (r: CaseResult) => r.foundMs - r.readyMs;
  console.log(
    `\nruntime provider vs static file: found ${(
      (provider.foundMs / file_.foundMs - 1) *
      100
    ).toFixed(0)}% later from the start (${(
      (ingest(provider) / ingest(file_) - 1) *
      100
    ).toFixed(0)}% from ready), peak RSS ${(
      (provider.peakRssMb / file_.peakRssMb - 1) *
      100
    ).toFixed(0)}% higher`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
