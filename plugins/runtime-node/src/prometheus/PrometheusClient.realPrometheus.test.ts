import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  RunningServer,
  startPrometheusServer,
  startTelemetryServer,
  TelemetryModel,
  telemetryTargets,
} from '@runtime-portal/runtime-sandbox';
import {
  RealPrometheus,
  REAL_PROMETHEUS_JOB,
  startRealPrometheus,
  waitForPrometheusQuery,
} from '../testing/realPrometheus';
import {
  RealAlertmanager,
  startRealAlertmanager,
} from '../testing/realAlertmanager';
import { AlertmanagerClient } from '../alertmanager';
import { DEFAULT_PROMETHEUS_QUERIES, renderQuery } from './defaultQueries';
import { PrometheusClient } from './PrometheusClient';

jest.setTimeout(90_000);

const seed = loadSeed();
const model = new TelemetryModel(seed);
const targets = telemetryTargets(seed);
/** Short enough that a few seconds of 1 s scrapes fill it, so real rates are not under-extrapolated. */
const WINDOW_SECONDS = 10;
const window = `${WINDOW_SECONDS}s`;
// eslint-disable-next-line no-restricted-syntax
const RULES_FILE = path.join(__dirname, 'defaultAlertRules.yaml');

const healthyService = targets.find(
  t => t.profile === 'service' && t.telemetry.health === 'healthy',
)!;
const degradedService = targets.find(
  t => t.profile === 'service' && t.telemetry.health === 'degraded',
)!;
const vllmEndpoint = targets.find(t => t.engine === 'VLLM')!;

/** Every default query, rendered for the seeded services and the VLLM endpoint. */
function renderedQueries() {
  const out: Array<{ label: string; id: string; promql: string }> = [];
  for (const [id, query] of Object.entries(DEFAULT_PROMETHEUS_QUERIES)) {
    const subjects =
      query.profile === 'service'
        ? [healthyService, degradedService, vllmEndpoint]
        : [vllmEndpoint];
    for (const subject of subjects) {
      out.push({
        label: `${id} for ${subject.name}`,
        id,
        promql: renderQuery(query.template, {
          namespace: subject.namespace,
          service: subject.name,
          model: subject.name,
          window,
        }),
      });
    }
  }
  return out;
}

async function single(
  client: PrometheusClient,
  promql: string,
  time: Date,
): Promise<number> {
  const result = await client.query(promql, { time });
  expect(result.resultType).toBe('vector');
  if (result.resultType !== 'vector') throw new Error('not a vector');
  expect(result.result).toHaveLength(1);
  return result.result[0].value[1];
}

describe('PrometheusClient against a real Prometheus scraping the sandbox telemetry', () => {
  let telemetry: RunningServer;
  let standIn: RunningServer;
  let prometheus: RealPrometheus | undefined;
  let alertmanager: RealAlertmanager | undefined;
  let real: PrometheusClient;
  let sandbox: PrometheusClient;

  beforeAll(async () => {
    telemetry = await startTelemetryServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      model,
    });
    standIn = await startPrometheusServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      model,
    });
    const rules = fs
      .readFileSync(RULES_FILE, 'utf8')
      .replace(/^(\s+)for: 5m$/m, '$1for: 0s');
    alertmanager = await startRealAlertmanager();
    prometheus = await startRealPrometheus({
      targetUrl: telemetry.url,
      ruleFiles: { 'runtime-rules.yaml': rules },
      alertmanagerUrl: alertmanager.url,
    });
    // wait until scrapes reach back well before the rate window of a query a little in the past
    const history = WINDOW_SECONDS + 5;
    await waitForPrometheusQuery(
      prometheus.url,
      `count_over_time(up{job="${REAL_PROMETHEUS_JOB}",service="${degradedService.name}"}[${history}s])`,
      result =>
        result.length === 1 && Number(result[0].value[1]) >= history - 1,
      60_000,
    );
    const access = { headers: {}, timeoutMs: 5000 };
    real = new PrometheusClient({
      environment: 'real',
      access: { ...access, url: prometheus.url },
    });
    sandbox = new PrometheusClient({
      environment: 'sandbox',
      access: { ...access, url: standIn.url },
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await standIn?.close();
    await telemetry?.close();
  });

  it('answers every default query with finite values, in agreement with the stand-in', async () => {
    const time = new Date(Date.now() - 1500);
    const results: Record<string, number> = {};
    const disagreements: Array<{
      label: string;
      real: number;
      sandbox: number;
    }> = [];
    for (const { label, id, promql } of renderedQueries()) {
      const fromReal = await single(real, promql, time);
      const fromSandbox = await single(sandbox, promql, time);
      // Real rates are extrapolated from 1 s scrapes; ratios, quantiles and gauges match closely.
      const tolerance = ['requestRate', 'tokensPerSecond'].includes(id)
        ? 0.1
        : 0.03;
      const difference = Math.abs(fromReal - fromSandbox);
      if (
        !Number.isFinite(fromReal) ||
        !(difference <= tolerance * Math.max(Math.abs(fromSandbox), 1e-3))
      ) {
        disagreements.push({ label, real: fromReal, sandbox: fromSandbox });
      }
      results[label] = fromReal;
    }
    expect(disagreements).toEqual([]);
    expect(results[`errorRatio for ${degradedService.name}`]).toBeGreaterThan(
      0.05,
    );
    expect(results[`errorRatio for ${healthyService.name}`]).toBeLessThan(0.05);
    const rate = results[`requestRate for ${degradedService.name}`];
    expect(rate).toBeGreaterThan(
      degradedService.telemetry.requestsPerSecond * 0.8,
    );
    expect(rate).toBeLessThan(
      degradedService.telemetry.requestsPerSecond * 1.2,
    );
    const p50 = results[`latencyP50 for ${degradedService.name}`];
    const p99 = results[`latencyP99 for ${degradedService.name}`];
    expect(p50).toBeGreaterThan(0);
    expect(p99).toBeGreaterThan(p50);
    const kv = results[`kvCacheUsage for ${vllmEndpoint.name}`];
    expect(kv).toBeGreaterThan(0);
    expect(kv).toBeLessThanOrEqual(1);
    expect(results[`requestsRunning for ${vllmEndpoint.name}`]).toBeGreaterThan(
      0,
    );
    expect(results[`tokensPerSecond for ${vllmEndpoint.name}`]).toBeGreaterThan(
      0,
    );
    expect(
      results[`timeToFirstTokenP95 for ${vllmEndpoint.name}`],
    ).toBeGreaterThan(0);
  });

  it('agrees with the stand-in on the other supported PromQL constructs', async () => {
    const time = new Date(Date.now() - 1500);
    const queries = [
      `sum by (namespace, service) (rate(http_server_requests_total{http_response_status_code="500"}[${window}])) / sum by (namespace, service) (rate(http_server_requests_total[${window}]))`,
      `sum by (namespace) (rate(http_server_request_duration_seconds_count{http_response_status_code!="200"}[${window}])) * 60`,
      `max by (model_name) (vllm:kv_cache_usage_perc) * 100`,
      `avg by (namespace) (vllm:num_requests_running) + min by (namespace) (vllm:num_requests_waiting)`,
      `count by (namespace) (up{namespace=~"team-.*",service!~"bge.*"})`,
      `histogram_quantile(0.9, sum by (le, model_name) (rate(vllm:e2e_request_latency_seconds_bucket[${window}])))`,
      `-sum by (namespace) (increase(vllm:prompt_tokens_total[${window}]))`,
      `sum by (service) (rate(http_server_requests_total{http_response_status_code="500"}[${window}])) / on (service) sum by (service) (rate(http_server_requests_total[${window}])) > 0.05`,
    ];
    const byLabels = async (client: PrometheusClient, promql: string) => {
      const result = await client.query(promql, { time });
      if (result.resultType !== 'vector') throw new Error('not a vector');
      return new Map(
        result.result.map(({ metric, value }) => {
          const { job: _job, instance: _instance, ...labels } = metric;
          return [JSON.stringify(Object.entries(labels).sort()), value[1]];
        }),
      );
    };
    const disagreements: unknown[] = [];
    for (const promql of queries) {
      const fromReal = await byLabels(real, promql);
      const fromSandbox = await byLabels(sandbox, promql);
      expect({ promql, series: [...fromReal.keys()].sort() }).toEqual({
        promql,
        series: [...fromSandbox.keys()].sort(),
      });
      expect(fromReal.size).toBeGreaterThan(0);
      for (const [labels, value] of fromSandbox) {
        const other = fromReal.get(labels)!;
        if (
          !(Math.abs(other - value) <= 0.1 * Math.max(Math.abs(value), 1e-3))
        ) {
          disagreements.push({ promql, labels, real: other, sandbox: value });
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('answers range queries over the scraped data', async () => {
    const end = new Date(Date.now() - 1000);
    const start = new Date(end.getTime() - 5000);
    const result = await real.queryRange(
      renderQuery(DEFAULT_PROMETHEUS_QUERIES.errorRatio.template, {
        namespace: degradedService.namespace,
        service: degradedService.name,
        window,
      }),
      { start, end, stepSeconds: 1 },
    );
    expect(result.result).toHaveLength(1);
    expect(result.result[0].values.length).toBeGreaterThanOrEqual(5);
    for (const [, value] of result.result[0].values) {
      expect(value).toBeCloseTo(degradedService.telemetry.errorRatio, 2);
    }
  });

  it('maps the real bad_data error to Invalid', async () => {
    await expect(real.query('sum(rate(up[5m]')).rejects.toMatchObject({
      reason: 'Invalid',
      status: 400,
      detail: expect.stringMatching(
        /^invalid parameter "query": .*parse error/,
      ),
    });
  });

  it('fires RuntimeHighErrorRatio for the degraded targets only', async () => {
    const degraded = targets
      .filter(t => t.telemetry.errorRatio > 0.05)
      .map(t => `${t.namespace}/${t.name}`)
      .sort();
    expect(degraded).toContain(
      `${degradedService.namespace}/${degradedService.name}`,
    );
    expect(
      targets
        .filter(t => t.telemetry.health === 'degraded')
        .map(t => `${t.namespace}/${t.name}`)
        .sort(),
    ).toEqual(degraded);
    const deadline = Date.now() + 30_000;
    let firing: Array<{
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }> = [];
    while (Date.now() < deadline) {
      const body = await (
        await fetch(`${prometheus!.url}/api/v1/alerts`)
      ).json();
      firing = body.data.alerts.filter(
        (alert: { state: string; labels: { alertname: string } }) =>
          alert.state === 'firing' &&
          alert.labels.alertname === 'RuntimeHighErrorRatio',
      );
      if (firing.length >= degraded.length) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    expect(
      firing.map(a => `${a.labels.namespace}/${a.labels.service}`).sort(),
    ).toEqual(degraded);
    const alert = firing.find(a => a.labels.service === degradedService.name)!;
    expect(alert.labels.severity).toBe('critical');
    expect(alert.annotations.summary).toBe(
      `High error ratio for ${degradedService.name} in ${degradedService.namespace}`,
    );
    expect(alert.annotations.description).toContain('%');
  });

  it('sends the firing alert to real Alertmanager, where the portal finds it for the service', async () => {
    const client = new AlertmanagerClient({
      environment: 'dev',
      access: { url: alertmanager!.url, headers: {}, timeoutMs: 5000 },
    });
    const filter = {
      namespace: degradedService.namespace,
      service: degradedService.name,
    };
    const deadline = Date.now() + 30_000;
    let alerts = await client.listAlerts({ filter, active: true });
    while (alerts.length === 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 250));
      alerts = await client.listAlerts({ filter, active: true });
    }
    expect(alerts.map(a => a.labels.alertname)).toContain(
      'RuntimeHighErrorRatio',
    );
    expect(
      alerts.find(a => a.labels.alertname === 'RuntimeHighErrorRatio')!
        .generatorURL,
    ).toMatch(/^http:\/\/.*\/graph\?g0\.expr=/);
  });
});
