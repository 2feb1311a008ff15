import { loadSeed } from '../seed';
import { renderExposition } from './exposition';
import { TelemetryModel } from './TelemetryModel';
import { telemetryTargets } from './telemetryTargets';
import { requestRateAt, requestsBetween } from './trafficModel';

const seed = loadSeed();
const start = 1_800_000_000;
const model = new TelemetryModel(seed, { startedAtSeconds: start });

function value(labels: Record<string, string>, t: number): number {
  const series = model
    .series()
    .filter(s => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(series).toHaveLength(1);
  return series[0].valueAt(t);
}

describe('telemetryTargets', () => {
  it('lists every seeded service and inference endpoint with its namespace and profile', () => {
    const targets = telemetryTargets(seed);
    expect(targets).toContainEqual(
      expect.objectContaining({
        namespace: 'team-assistant',
        name: 'support-assistant',
        profile: 'service',
        ownerService: 'support-assistant',
      }),
    );
    expect(targets).toContainEqual(
      expect.objectContaining({
        namespace: 'team-assistant',
        name: 'llama-3-1-8b-instruct',
        profile: 'inference-endpoint',
        ownerService: 'support-assistant',
        engine: 'VLLM',
      }),
    );
    const services = seed.teams.flatMap(team => team.services);
    const endpoints = services.flatMap(s => s.inferenceEndpoints ?? []);
    expect(targets).toHaveLength(services.length + endpoints.length);
  });
});

describe('traffic model', () => {
  const target = telemetryTargets(seed).find(
    t => t.name === 'semantic-search',
  )!;

  it('varies the rate smoothly within ±10 % of the seeded rate', () => {
    const rates = Array.from({ length: 120 }, (_, i) =>
      requestRateAt(target, start + i * 10),
    );
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(42 * 0.9 - 1e-9);
    expect(Math.max(...rates)).toBeLessThanOrEqual(42 * 1.1 + 1e-9);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(42 * 0.1);
  });

  it('counts requests as the integral of the rate', () => {
    const t = start + 1234;
    const numeric = requestsBetween(target, t - 0.05, t + 0.05) / 0.1;
    expect(numeric).toBeCloseTo(requestRateAt(target, t), 2);
    expect(requestsBetween(target, start, start + 600)).toBeCloseTo(
      42 * 600,
      6,
    );
  });
});

describe('TelemetryModel', () => {
  it('has counters that only grow and start at zero', () => {
    const counters = model
      .series()
      .filter(s => /(_total|_count|_sum|_bucket)$/.test(s.labels.__name__));
    expect(counters.length).toBeGreaterThan(100);
    for (const series of counters) {
      expect(series.valueAt(start)).toBe(0);
      let previous = 0;
      for (let t = start; t < start + 3600; t += 37) {
        const current = series.valueAt(t);
        expect(current).toBeGreaterThanOrEqual(previous);
        previous = current;
      }
    }
  });

  it('splits requests into 200 and 500 by the seeded error ratio; the degraded service is above 5 %', () => {
    const t = start + 900;
    const errors = (service: string) => {
      const ok = value(
        {
          __name__: 'http_server_request_duration_seconds_count',
          service,
          http_response_status_code: '200',
        },
        t,
      );
      const failed = value(
        {
          __name__: 'http_server_request_duration_seconds_count',
          service,
          http_response_status_code: '500',
        },
        t,
      );
      return failed / (ok + failed);
    };
    expect(errors('support-assistant')).toBeCloseTo(0.087, 6);
    expect(errors('support-assistant')).toBeGreaterThan(0.05);
    expect(errors('semantic-search')).toBeLessThan(0.05);
    expect(
      value(
        {
          __name__: 'http_server_requests_total',
          service: 'support-assistant',
          http_response_status_code: '500',
        },
        t,
      ),
    ).toBe(
      value(
        {
          __name__: 'http_server_request_duration_seconds_count',
          service: 'support-assistant',
          http_response_status_code: '500',
        },
        t,
      ),
    );
  });

  it('keeps histogram buckets cumulative up to the +Inf bucket, which equals the count', () => {
    const t = start + 500;
    const buckets = model
      .series()
      .filter(
        s =>
          s.labels.__name__ === 'http_server_request_duration_seconds_bucket' &&
          s.labels.service === 'meeting-transcriber' &&
          s.labels.http_response_status_code === '200',
      );
    const values = buckets.map(s => s.valueAt(t));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(buckets[buckets.length - 1].labels.le).toBe('+Inf');
    expect(values[values.length - 1]).toBe(
      value(
        {
          __name__: 'http_server_request_duration_seconds_count',
          service: 'meeting-transcriber',
          http_response_status_code: '200',
        },
        t,
      ),
    );
  });

  it('exports vLLM metrics for VLLM endpoints only, and the http histogram for every endpoint', () => {
    const models = new Set(
      model
        .series()
        .filter(s => s.labels.__name__?.startsWith('vllm:'))
        .map(s => s.labels.model_name),
    );
    expect([...models].sort()).toEqual([
      'llama-3-1-8b-instruct',
      'qwen2-5-7b-instruct',
    ]);
    expect(value({ __name__: 'up', service: 'bge-m3-embeddings' }, start)).toBe(1);
    const kv = value(
      {
        __name__: 'vllm:kv_cache_usage_perc',
        model_name: 'llama-3-1-8b-instruct',
      },
      start + 10,
    );
    expect(kv).toBeGreaterThan(0.75);
    expect(kv).toBeLessThanOrEqual(1);
    const t = start + 60;
    expect(
      value(
        {
          __name__: 'vllm:generation_tokens_total',
          model_name: 'qwen2-5-7b-instruct',
        },
        t,
      ),
    ).toBeCloseTo(
      180 *
        value(
          {
            __name__: 'vllm:e2e_request_latency_seconds_count',
            model_name: 'qwen2-5-7b-instruct',
          },
          t,
        ),
      6,
    );
  });
});

describe('renderExposition', () => {
  it('renders the text format 0.0.4 with HELP, TYPE and escaped labels', () => {
    const text = renderExposition(model, start + 60);
    expect(text).toContain(
      '# TYPE http_server_request_duration_seconds histogram',
    );
    expect(text).toContain('# TYPE vllm:generation_tokens_total counter');
    expect(text).toMatch(
      /^http_server_request_duration_seconds_bucket\{namespace="team-search",service="semantic-search",http_response_status_code="200",le="\+Inf"\} [0-9.]+$/m,
    );
    expect(text).toMatch(
      /^up\{namespace="team-media",service="meeting-transcriber"\} 1$/m,
    );
    expect(text.endsWith('\n')).toBe(true);
    const escaped = new TelemetryModel(
      {
        components: [],
        teams: [
          {
            name: 't',
            namespace: 'ns"\\\n',
            services: [
              {
                name: 's',
                telemetry: {
                  health: 'healthy',
                  requestsPerSecond: 1,
                  errorRatio: 0,
                  latencyMs: { p50: 1, p95: 2, p99: 3 },
                },
                delivery: undefined as never,
              },
            ],
          },
        ],
      },
      { startedAtSeconds: start },
    );
    expect(renderExposition(escaped, start)).toContain(
      'up{namespace="ns\\"\\\\\\n",service="s"} 1',
    );
  });
});
