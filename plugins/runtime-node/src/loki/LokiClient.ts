import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
  parseTextError,
} from '../http';
import { ObservabilityCallOptions } from '../alertmanager/types';

/**
 * One log line with its stream's labels.
 *
 * @public
 */
export interface LokiLogLine {
  timestamp: Date;
  /** Nanoseconds since the epoch, exactly as Loki sent them. */
  timestampNs: string;
  line: string;
  labels: Record<string, string>;
}

/**
 * A LogQL range query over logs.
 *
 * @public
 */
export interface LokiQueryRangeRequest extends ObservabilityCallOptions {
  /** LogQL, e.g. `{namespace="team-a"} |= "error"` (see {@link buildStreamSelector}). */
  query: string;
  start: Date;
  end: Date;
  /** At most this many lines (Loki's default 100). */
  limit?: number;
  /** `backward` (newest first, the default) or `forward`. */
  direction?: 'forward' | 'backward';
}

type StreamsResponse = {
  status?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      stream?: Record<string, string>;
      values?: Array<[string, string]>;
    }>;
  };
};

/**
 * A LogQL stream selector that matches the labels exactly, values quoted and escaped, e.g.
 * `{namespace="team-a", service="orders"}`.
 *
 * @public
 */
export function buildStreamSelector(labels: Record<string, string>): string {
  const matchers = Object.entries(labels).map(([name, value]) => {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
      throw new TypeError(`invalid Loki label name ${JSON.stringify(name)}`);
    }
    return `${name}=${JSON.stringify(value)}`;
  });
  if (matchers.length === 0)
    throw new TypeError('a stream selector needs at least one label');
  return `{${matchers.join(', ')}}`;
}

function nanoseconds(date: Date): string {
  return (BigInt(date.getTime()) * 1_000_000n).toString();
}

/**
 * A typed client for one environment's Loki: log range queries (`GET /loki/api/v1/query_range`),
 * sending the configured tenant header (`X-Scope-OrgID`) and credentials. Every failure is a
 * {@link RuntimeUpstreamError} of the `loki` upstream.
 *
 * @public
 */
export class LokiClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('loki', options, {
      parseError: parseTextError,
    });
  }

  /**
   * The log lines of a query in [start, end), flattened across streams and ordered by time in the
   * query's direction (newest first by default), at most `limit`.
   */
  async queryRange(request: LokiQueryRangeRequest): Promise<LokiLogLine[]> {
    const direction = request.direction ?? 'backward';
    const { body } = await this.http.request<StreamsResponse>({
      operation: 'query logs',
      path: '/loki/api/v1/query_range',
      query: {
        query: request.query,
        start: nanoseconds(request.start),
        end: nanoseconds(request.end),
        limit: request.limit,
        direction,
      },
      signal: request.signal,
    });
    const lines: LokiLogLine[] = [];
    for (const stream of body?.data?.result ?? []) {
      for (const [timestampNs, line] of stream.values ?? []) {
        lines.push({
          timestamp: new Date(Number(BigInt(timestampNs) / 1_000_000n)),
          timestampNs,
          line,
          labels: stream.stream ?? {},
        });
      }
    }
    const sign = direction === 'forward' ? 1 : -1;
    return lines.sort((a, b) => {
      const x = BigInt(a.timestampNs);
      const y = BigInt(b.timestampNs);
      if (x === y) return 0;
      return (x < y ? -1 : 1) * sign;
    });
  }
}
