import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
  parseTextError,
} from '../http';
import { ObservabilityCallOptions } from '../alertmanager/types';

/**
 * A trace found by a search.
 *
 * @public
 */
export interface TempoTraceSummary {
  traceId: string;
  rootServiceName?: string;
  rootTraceName?: string;
  startTime: Date;
  durationMs: number;
}

/**
 * A span of a fetched trace.
 *
 * @public
 */
export interface TempoSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  serviceName?: string;
  kind?: string;
  /** `error`, `ok` or `unset`. */
  status: 'error' | 'ok' | 'unset';
  startTime: Date;
  durationMs: number;
  attributes: Record<string, string | number | boolean>;
}

/**
 * A trace search: a TraceQL `query`, or `tags` with a minimum duration.
 *
 * @public
 */
export interface TempoSearchRequest extends ObservabilityCallOptions {
  /** TraceQL, e.g. `{ resource.service.name = "orders" && status = error }`. */
  query?: string;
  /** Tag search, e.g. `{ 'service.name': 'orders' }` (used when there is no `query`). */
  tags?: Record<string, string>;
  minDurationMs?: number;
  /** At most this many traces (Tempo's default 20). */
  limit?: number;
  start: Date;
  end: Date;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type OtlpAttribute = { key: string; value?: OtlpValue };
type OtlpSpan = {
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpAttribute[];
  status?: { code?: string | number };
};
type OtlpResourceSpans = {
  resource?: { attributes?: OtlpAttribute[] };
  scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  instrumentationLibrarySpans?: Array<{ spans?: OtlpSpan[] }>;
};

function attributeValue(
  value: OtlpValue | undefined,
): string | number | boolean | undefined {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue;
}

function hexId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^[0-9a-f]+$/i.test(id) && id.length % 2 === 0 && id.length >= 16
    ? id.toLowerCase()
    : Buffer.from(id, 'base64').toString('hex');
}

function spanStatus(code: string | number | undefined): TempoSpan['status'] {
  if (code === 2 || code === 'STATUS_CODE_ERROR') return 'error';
  if (code === 1 || code === 'STATUS_CODE_OK') return 'ok';
  return 'unset';
}

function tagsLogfmt(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(
      ([key, value]) =>
        `${key}=${
          /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value
        }`,
    )
    .join(' ');
}

/**
 * A typed client for one environment's Tempo: trace search (`GET /api/search`) and traces by id
 * (`GET /api/traces/{traceID}`). Every failure is a {@link RuntimeUpstreamError} of the `tempo`
 * upstream.
 *
 * @public
 */
export class TempoClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('tempo', options, {
      parseError: parseTextError,
    });
  }

  /** The traces in [start, end] that the query (or tags and minimum duration) selects, newest first. */
  async search(request: TempoSearchRequest): Promise<TempoTraceSummary[]> {
    const { body } = await this.http.request<{
      traces?: Array<{
        traceID: string;
        rootServiceName?: string;
        rootTraceName?: string;
        startTimeUnixNano?: string;
        durationMs?: number;
      }>;
    }>({
      operation: 'search traces',
      path: '/api/search',
      query: {
        q: request.query,
        tags:
          request.query === undefined && request.tags
            ? tagsLogfmt(request.tags)
            : undefined,
        minDuration:
          request.minDurationMs !== undefined
            ? `${request.minDurationMs}ms`
            : undefined,
        limit: request.limit,
        start: Math.floor(request.start.getTime() / 1000),
        end: Math.ceil(request.end.getTime() / 1000),
      },
      signal: request.signal,
    });
    return (body?.traces ?? []).map(trace => ({
      traceId: trace.traceID,
      rootServiceName: trace.rootServiceName,
      rootTraceName: trace.rootTraceName,
      startTime: new Date(
        Number(BigInt(trace.startTimeUnixNano ?? '0') / 1_000_000n),
      ),
      durationMs: trace.durationMs ?? 0,
    }));
  }

  /** The spans of a trace, or undefined when Tempo has no trace by that id. */
  async getTrace(
    traceId: string,
    options?: ObservabilityCallOptions,
  ): Promise<{ traceId: string; spans: TempoSpan[] } | undefined> {
    const { status, body } = await this.http.request<{
      batches?: OtlpResourceSpans[];
      resourceSpans?: OtlpResourceSpans[];
    }>({
      operation: `get trace ${traceId}`,
      path: `/api/traces/${encodeURIComponent(traceId)}`,
      acceptStatus: [404],
      signal: options?.signal,
    });
    if (status === 404) return undefined;
    const spans: TempoSpan[] = [];
    for (const batch of body?.batches ?? body?.resourceSpans ?? []) {
      const serviceName = batch.resource?.attributes?.find(
        a => a.key === 'service.name',
      );
      for (const scope of batch.scopeSpans ??
        batch.instrumentationLibrarySpans ??
        []) {
        for (const span of scope.spans ?? []) {
          const start = BigInt(span.startTimeUnixNano);
          const end = BigInt(span.endTimeUnixNano);
          const attributes: TempoSpan['attributes'] = {};
          for (const attribute of span.attributes ?? []) {
            const value = attributeValue(attribute.value);
            if (value !== undefined) attributes[attribute.key] = value;
          }
          spans.push({
            spanId: hexId(span.spanId)!,
            parentSpanId: hexId(span.parentSpanId),
            name: span.name,
            serviceName: serviceName
              ? String(attributeValue(serviceName.value))
              : undefined,
            kind: span.kind,
            status: spanStatus(span.status?.code),
            startTime: new Date(Number(start / 1_000_000n)),
            durationMs: Number(end - start) / 1e6,
            attributes,
          });
        }
      }
    }
    spans.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    return { traceId: traceId.toLowerCase(), spans };
  }
}
