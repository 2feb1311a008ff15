import { RuntimeUpstreamError } from '../errors';
import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
} from '../http';
import { parseMatrix, parseQueryData } from './parsePrometheusData';
import { parsePrometheusError } from './parsePrometheusError';
import {
  PrometheusInstantResult,
  PrometheusQueryOptions,
  PrometheusRangeQueryOptions,
  PrometheusRangeResult,
} from './types';

/** Prometheus's limit of points per series in a range query. */
const MAX_POINTS_PER_SERIES = 11000;

interface PrometheusAnswer {
  status?: unknown;
  data?: unknown;
  warnings?: unknown;
}

/**
 * A typed client for one environment's Prometheus HTTP API: instant queries (`/api/v1/query`) and
 * range queries (`/api/v1/query_range`), with numeric results (`NaN` and `±Infinity` kept). Sends the
 * configured bearer token (or basic auth) and extra headers. Every failure is a
 * {@link RuntimeUpstreamError} of the `prometheus` upstream: `bad_data`/`execution` → `Invalid`,
 * `timeout` → `Timeout`, 503 → `Unavailable`.
 *
 * @public
 */
export class PrometheusClient {
  private readonly http: HttpUpstreamClient;
  private readonly environment: string;

  constructor(options: HttpServiceClientOptions) {
    this.environment = options.environment;
    this.http = httpServiceClient('prometheus', options, {
      parseError: parsePrometheusError,
    });
  }

  /** Evaluates `promql` at one instant (`time`, or Prometheus's now). */
  async query(
    promql: string,
    options: PrometheusQueryOptions = {},
  ): Promise<PrometheusInstantResult> {
    const operation = 'instant query';
    const response = await this.http.request<PrometheusAnswer>({
      operation,
      path: '/api/v1/query',
      query: {
        query: promql,
        time: options.time ? unixSeconds(options.time) : undefined,
      },
      signal: options.signal,
    });
    const data = this.successData(operation, response.body);
    return this.read(operation, () => parseQueryData(data));
  }

  /** Evaluates `promql` from `start` to `end` every `stepSeconds`. */
  async queryRange(
    promql: string,
    options: PrometheusRangeQueryOptions,
  ): Promise<PrometheusRangeResult> {
    const operation = 'range query';
    const start = unixSeconds(options.start);
    const end = unixSeconds(options.end);
    if (!(options.stepSeconds > 0) || !Number.isFinite(options.stepSeconds)) {
      throw this.failure(
        operation,
        'Invalid',
        'step must be a positive number of seconds',
      );
    }
    if (end < start) {
      throw this.failure(operation, 'Invalid', 'end must not be before start');
    }
    if ((end - start) / options.stepSeconds > MAX_POINTS_PER_SERIES) {
      throw this.failure(
        operation,
        'Invalid',
        `more than ${MAX_POINTS_PER_SERIES} points per series; use a larger step`,
      );
    }
    const response = await this.http.request<PrometheusAnswer>({
      operation,
      path: '/api/v1/query_range',
      query: { query: promql, start, end, step: options.stepSeconds },
      signal: options.signal,
    });
    const data = this.successData(operation, response.body) as {
      resultType?: unknown;
      result?: unknown;
    };
    if (data?.resultType !== 'matrix') {
      throw this.failure(
        operation,
        'Unknown',
        `unexpected resultType ${String(data?.resultType)}`,
      );
    }
    const result = this.read(operation, () => parseMatrix(data.result));
    const warnings = (response.body as PrometheusAnswer).warnings;
    return {
      resultType: 'matrix',
      result,
      warnings: Array.isArray(warnings) ? warnings.map(String) : [],
    };
  }

  private successData(
    operation: string,
    body: PrometheusAnswer | undefined,
  ): unknown {
    if (body?.status !== 'success') {
      const parsed = parsePrometheusError(200, body);
      throw this.failure(
        operation,
        parsed.reason ?? 'Unknown',
        parsed.detail ?? 'answer is not a success',
      );
    }
    return body.data;
  }

  private read<T>(operation: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      throw this.failure(
        operation,
        'Unknown',
        `unreadable answer: ${(error as Error).message}`,
      );
    }
  }

  private failure(
    operation: string,
    reason: RuntimeUpstreamError['reason'],
    detail: string,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'prometheus',
      environment: this.environment,
      operation,
      reason,
      detail,
    });
  }
}

function unixSeconds(date: Date): number {
  return date.getTime() / 1000;
}
