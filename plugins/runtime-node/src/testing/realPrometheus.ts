import { RealServer, startRealServer } from './realServer';

/** Where Debian's `prometheus` package installs Prometheus (override with `PROMETHEUS_BINARY`). */
const PROMETHEUS_BINARY =
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
export type RealPrometheus = RealServer;

/**
 * Starts the real Prometheus binary on a free local port with a temporary config that scrapes
 * `targetUrl` every second (loads the given rule files, sends alerts to `alertmanagerUrl`), and waits
 * until `/-/ready` answers. Fails with a clear message when the binary is not installed
 * (`apt-get install prometheus`).
 */
export async function startRealPrometheus(
  options: RealPrometheusOptions,
): Promise<RealPrometheus> {
  const interval = `${options.intervalSeconds ?? 1}s`;
  // Rule files are read relative to the config file, which lives in the same temporary directory.
  const ruleFiles = Object.keys(options.ruleFiles ?? {});
  const server = await startRealServer({
    name: 'Prometheus',
    binary: PROMETHEUS_BINARY,
    debianPackage: 'prometheus',
    binaryEnv: 'PROMETHEUS_BINARY',
    config: {
      file: 'prometheus.yml',
      // YAML is a superset of JSON: the config is written as JSON.
      text: JSON.stringify({
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
    },
    extraFiles: options.ruleFiles,
    args: ({ config, data, port }) => [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    readyTimeoutMs: 20_000,
  });
  return server;
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
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(
    `Prometheus query ${promql} did not return the expected result within ${timeoutMs} ms; last answer ${JSON.stringify(
      last,
    ).slice(0, 500)}`,
  );
}
