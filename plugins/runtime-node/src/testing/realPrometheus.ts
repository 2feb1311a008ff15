import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `prometheus` package installs Prometheus (override with `PROMETHEUS_BINARY`). */
export const PROMETHEUS_BINARY =
  process.env.PROMETHEUS_BINARY ?? '/usr/bin/prometheus';

/** The scrape job of the test Prometheus (its series carry `job="runtime-sandbox"`). */
export const REAL_PROMETHEUS_JOB = 'runtime-sandbox';

/** What {@link startRealPrometheus} is started with. */
export interface RealPrometheusOptions {
  /** Base URL of the scrape target, e.g. the sandbox telemetry server; `/metrics` is scraped. */
  targetUrl: string;
  /** Scrape and rule evaluation interval in seconds; default 1. */
  intervalSeconds?: number;
  /** Rule files (YAML text) to load, by file name. */
  ruleFiles?: Record<string, string>;
  /** Base URL of an Alertmanager that firing alerts are sent to (API v2). */
  alertmanagerUrl?: string;
}

/** A real Prometheus started for a test. */
export interface RealPrometheus {
  url: string;
  /** Stops the process and removes its temporary directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `Prometheus exited with code ${child.exitCode}: ${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(500),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(
    `Prometheus was not ready within ${timeoutMs} ms: ${output()}`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise(resolve => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the real Prometheus binary on a free local port with a temporary config that scrapes
 * `targetUrl` every second (and loads the given rule files), and waits until `/-/ready` answers. Fails
 * with a clear message when the binary is not installed (`apt-get install prometheus`).
 */
export async function startRealPrometheus(
  options: RealPrometheusOptions,
): Promise<RealPrometheus> {
  if (!existsSync(PROMETHEUS_BINARY)) {
    throw new Error(
      `Prometheus is not installed at ${PROMETHEUS_BINARY}: install Debian's prometheus package (or set PROMETHEUS_BINARY) to run this test`,
    );
  }
  const interval = `${options.intervalSeconds ?? 1}s`;
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-'));
  const ruleFiles = Object.entries(options.ruleFiles ?? {}).map(
    ([name, text]) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  );
  const config = join(dir, 'prometheus.yml');
  // YAML is a superset of JSON: the config is written as JSON.
  writeFileSync(
    config,
    JSON.stringify({
      global: { scrape_interval: interval, evaluation_interval: interval },
      rule_files: ruleFiles,
      ...(options.alertmanagerUrl
        ? {
            alerting: {
              alertmanagers: [
                {
                  api_version: 'v2',
                  static_configs: [
                    { targets: [new URL(options.alertmanagerUrl).host] },
                  ],
                },
              ],
            },
          }
        : {}),
      scrape_configs: [
        {
          job_name: REAL_PROMETHEUS_JOB,
          scrape_interval: interval,
          scrape_timeout: interval,
          static_configs: [{ targets: [new URL(options.targetUrl).host] }],
        },
      ],
    }),
  );
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => output, 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * Polls an instant query on a Prometheus until `accept` holds for its vector result (or the time is
 * up), and returns that result.
 */
export async function waitForPrometheusQuery(
  url: string,
  promql: string,
  accept: (
    result: Array<{ metric: Record<string, string>; value: [number, string] }>,
  ) => boolean,
  timeoutMs = 30_000,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await fetch(
      `${url}/api/v1/query?${new URLSearchParams({ query: promql })}`,
    );
    const body = await response.json();
    last = body;
    if (body.status === 'success' && accept(body.data.result))
      return body.data.result;
    await sleep(250);
  }
  throw new Error(
    `Prometheus query ${promql} did not return the expected result within ${timeoutMs} ms; last answer ${JSON.stringify(
      last,
    ).slice(0, 500)}`,
  );
}
