import { InputError } from '@backstage/errors';
import { RuntimeMetricId } from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * A PromQL template of one portal metric. Placeholders: `{{namespace}}`, `{{service}}`, `{{model}}`
 * (label values, escaped by {@link renderQuery}) and `{{window}}` (a rate window such as `5m`).
 *
 * @public
 */
export interface PrometheusQueryTemplate {
  id: RuntimeMetricId;
  title: string;
  unit: 'requests/s' | 'ratio' | 'seconds' | 'requests' | 'tokens/s';
  /** `service` metrics (RED) apply to services and endpoints; `inference-endpoint` ones to vLLM endpoints. */
  profile: 'service' | 'inference-endpoint';
  template: string;
}

const SERVICE = 'namespace="{{namespace}}",service="{{service}}"';
const MODEL = 'namespace="{{namespace}}",model_name="{{model}}"';
const REQUESTS = `http_server_request_duration_seconds_count{${SERVICE}}`;
const ERRORS = `http_server_request_duration_seconds_count{${SERVICE},http_response_status_code=~"5.."}`;

function latency(quantile: number): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(http_server_request_duration_seconds_bucket{${SERVICE}}[{{window}}])))`;
}

/**
 * The default queries of the portal's metrics: RED from OpenTelemetry's
 * `http_server_request_duration_seconds` (labels `namespace`, `service`) for services and endpoints,
 * and vLLM's signals (labels `namespace`, `model_name`) for inference endpoints.
 *
 * @public
 */
export const DEFAULT_PROMETHEUS_QUERIES: Record<
  RuntimeMetricId,
  PrometheusQueryTemplate
> = {
  requestRate: {
    id: 'requestRate',
    title: 'Request rate',
    unit: 'requests/s',
    profile: 'service',
    template: `sum(rate(${REQUESTS}[{{window}}]))`,
  },
  errorRatio: {
    id: 'errorRatio',
    title: 'Error ratio',
    unit: 'ratio',
    profile: 'service',
    template: `sum(rate(${ERRORS}[{{window}}])) / sum(rate(${REQUESTS}[{{window}}]))`,
  },
  latencyP50: {
    id: 'latencyP50',
    title: 'Latency p50',
    unit: 'seconds',
    profile: 'service',
    template: latency(0.5),
  },
  latencyP95: {
    id: 'latencyP95',
    title: 'Latency p95',
    unit: 'seconds',
    profile: 'service',
    template: latency(0.95),
  },
  latencyP99: {
    id: 'latencyP99',
    title: 'Latency p99',
    unit: 'seconds',
    profile: 'service',
    template: latency(0.99),
  },
  requestsRunning: {
    id: 'requestsRunning',
    title: 'Requests running',
    unit: 'requests',
    profile: 'inference-endpoint',
    template: `sum(vllm:num_requests_running{${MODEL}})`,
  },
  requestsWaiting: {
    id: 'requestsWaiting',
    title: 'Requests waiting',
    unit: 'requests',
    profile: 'inference-endpoint',
    template: `sum(vllm:num_requests_waiting{${MODEL}})`,
  },
  timeToFirstTokenP95: {
    id: 'timeToFirstTokenP95',
    title: 'Time to first token p95',
    unit: 'seconds',
    profile: 'inference-endpoint',
    template: `histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{${MODEL}}[{{window}}])))`,
  },
  tokensPerSecond: {
    id: 'tokensPerSecond',
    title: 'Generated tokens per second',
    unit: 'tokens/s',
    profile: 'inference-endpoint',
    template: `sum(rate(vllm:generation_tokens_total{${MODEL}}[{{window}}]))`,
  },
  kvCacheUsage: {
    id: 'kvCacheUsage',
    title: 'KV cache usage',
    unit: 'ratio',
    profile: 'inference-endpoint',
    template: `avg(vllm:kv_cache_usage_perc{${MODEL}})`,
  },
};

/**
 * Values for a template's placeholders.
 *
 * @public
 */
export interface PrometheusQueryVariables {
  namespace?: string;
  service?: string;
  model?: string;
  /** A Prometheus duration such as `5m` or `1h30m`. */
  window?: string;
}

const WINDOW_PATTERN =
  /^(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/**
 * Escapes a value for a double-quoted PromQL string literal (backslash, quote and line breaks), so a
 * label value can never end the literal or inject PromQL.
 *
 * @public
 */
export function escapePromqlString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/**
 * Fills a template's placeholders: label values escaped for PromQL string literals, the window checked
 * to be a duration. A placeholder without a value is an `InputError`, never left in the query.
 *
 * @public
 */
export function renderQuery(
  template: string,
  variables: PrometheusQueryVariables,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = (variables as Record<string, string | undefined>)[name];
    if (value === undefined) {
      throw new InputError(`No value for the query placeholder {{${name}}}`);
    }
    if (name === 'window') {
      if (!WINDOW_PATTERN.test(value)) {
        throw new InputError(
          `The query window must be a Prometheus duration such as 5m, got ${JSON.stringify(
            value,
          )}`,
        );
      }
      return value;
    }
    if (!['namespace', 'service', 'model'].includes(name)) {
      throw new InputError(`Unknown query placeholder {{${name}}}`);
    }
    return escapePromqlString(value);
  });
}
