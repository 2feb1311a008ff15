import { RUNTIME_OBSERVABILITY_RANGES } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  DEFAULT_PROMETHEUS_QUERIES,
  escapePromqlString,
  renderQuery,
} from './defaultQueries';

const vars = {
  namespace: 'team-assistant',
  service: 'support-assistant',
  model: 'llama-3-1-8b-instruct',
  window: '5m',
};

describe('DEFAULT_PROMETHEUS_QUERIES', () => {
  it('has one template per metric id, keyed by its own id', () => {
    expect(Object.keys(DEFAULT_PROMETHEUS_QUERIES).sort()).toEqual(
      [
        'requestRate',
        'errorRatio',
        'latencyP50',
        'latencyP95',
        'latencyP99',
        'requestsRunning',
        'requestsWaiting',
        'timeToFirstTokenP95',
        'tokensPerSecond',
        'kvCacheUsage',
      ].sort(),
    );
    for (const [id, query] of Object.entries(DEFAULT_PROMETHEUS_QUERIES)) {
      expect(query.id).toBe(id);
    }
    expect(RUNTIME_OBSERVABILITY_RANGES.length).toBeGreaterThan(0);
  });

  it('selects services by namespace and service and endpoints by namespace and model_name', () => {
    expect(
      renderQuery(DEFAULT_PROMETHEUS_QUERIES.errorRatio.template, vars),
    ).toBe(
      'sum(rate(http_server_request_duration_seconds_count{namespace="team-assistant",service="support-assistant",http_response_status_code=~"5.."}[5m])) / sum(rate(http_server_request_duration_seconds_count{namespace="team-assistant",service="support-assistant"}[5m]))',
    );
    expect(
      renderQuery(DEFAULT_PROMETHEUS_QUERIES.kvCacheUsage.template, vars),
    ).toBe(
      'avg(vllm:kv_cache_usage_perc{namespace="team-assistant",model_name="llama-3-1-8b-instruct"})',
    );
  });
});

describe('renderQuery', () => {
  it('escapes quotes and backslashes so a label value cannot break out of its literal', () => {
    const hostile = 'x"} or up{a="';
    const rendered = renderQuery('up{service="{{service}}"}', {
      service: hostile,
    });
    expect(rendered).toBe('up{service="x\\"} or up{a=\\""}');
    expect(renderQuery('up{service="{{service}}"}', { service: 'a\\"b' })).toBe(
      'up{service="a\\\\\\"b"}',
    );
    // the rendered literal reads back (Go/PromQL unquoting) as the original value
    const literal = rendered.slice('up{service='.length, -1);
    expect(JSON.parse(literal)).toBe(hostile);
    expect(
      renderQuery('up{service="{{service}}"}', { service: 'line\nbreak' }),
    ).toBe('up{service="line\\nbreak"}');
  });

  it('escapes every placeholder occurrence and leaves no placeholder behind', () => {
    const rendered = renderQuery(
      DEFAULT_PROMETHEUS_QUERIES.errorRatio.template,
      {
        ...vars,
        service: 'a"b',
      },
    );
    expect(rendered).not.toContain('{{');
    expect(rendered.split('service="a\\"b"')).toHaveLength(3);
  });

  it('accepts only durations as the window', () => {
    expect(renderQuery('rate(x[{{window}}])', { window: '1h30m' })).toBe(
      'rate(x[1h30m])',
    );
    for (const window of ['5m] or up[5m', '', '5 m', '-5m', 'm']) {
      expect(() => renderQuery('rate(x[{{window}}])', { window })).toThrow(
        /must be a Prometheus duration/,
      );
    }
  });

  it('refuses missing values and unknown placeholders', () => {
    expect(() => renderQuery('up{service="{{service}}"}', {})).toThrow(
      'No value for the query placeholder {{service}}',
    );
    expect(() =>
      renderQuery('up{x="{{other}}"}', { other: 'v' } as never),
    ).toThrow('Unknown query placeholder {{other}}');
  });

  it('escapes carriage returns too', () => {
    expect(escapePromqlString('a\rb')).toBe('a\\rb');
  });
});
