import { SimulatedSpan, SimulatedTrace } from './traces';

const KIND: Record<SimulatedSpan['kind'], string> = {
  internal: 'SPAN_KIND_INTERNAL',
  server: 'SPAN_KIND_SERVER',
  client: 'SPAN_KIND_CLIENT',
};
const STATUS: Record<SimulatedSpan['status'], string> = {
  unset: 'STATUS_CODE_UNSET',
  ok: 'STATUS_CODE_OK',
  error: 'STATUS_CODE_ERROR',
};

function nanos(ms: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n).toString();
}

function base64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

function attribute(key: string, value: string | number) {
  return {
    key,
    value:
      typeof value === 'number'
        ? { intValue: String(value) }
        : { stringValue: value },
  };
}

/**
 * A trace in OTLP JSON as Tempo's `GET /api/traces/{id}` answers it: `batches` of resource spans
 * (ids base64-encoded, times in nanosecond strings). `resourceSpans` is the same list, as
 * `/api/v2/traces` names it.
 */
export function otlpTraceJson(trace: SimulatedTrace) {
  const { source } = trace;
  const batch = {
    resource: {
      attributes: [
        attribute('service.name', source.name),
        attribute('service.namespace', source.namespace),
        attribute('k8s.namespace.name', source.namespace),
      ],
    },
    scopeSpans: [
      {
        scope: { name: 'runtime-sandbox' },
        spans: trace.spans.map(span => ({
          traceId: base64(trace.traceId),
          spanId: base64(span.spanId),
          ...(span.parentSpanId
            ? { parentSpanId: base64(span.parentSpanId) }
            : {}),
          name: span.name,
          kind: KIND[span.kind],
          startTimeUnixNano: nanos(span.startMs),
          endTimeUnixNano: nanos(span.startMs + span.durationMs),
          attributes: Object.entries(span.attributes).map(([k, v]) =>
            attribute(k, v),
          ),
          status:
            span.status === 'error'
              ? { code: STATUS.error, message: 'request failed' }
              : {},
        })),
      },
    ],
  };
  return { batches: [batch] };
}

/** The search answer's summary of a trace, with the spans that matched when a TraceQL query ran. */
export function traceSearchJson(
  trace: SimulatedTrace,
  matched?: SimulatedSpan[],
) {
  const root = trace.spans[0];
  const spanSet = matched && {
    spans: matched.slice(0, 3).map(span => ({
      spanID: span.spanId,
      name: span.name,
      startTimeUnixNano: nanos(span.startMs),
      durationNanos: nanos(span.durationMs),
      attributes: [{ key: 'status', value: { stringValue: span.status } }],
    })),
    matched: matched.length,
  };
  const errorCount = trace.spans.filter(s => s.status === 'error').length;
  return {
    traceID: trace.traceId,
    rootServiceName: trace.source.name,
    rootTraceName: root.name,
    startTimeUnixNano: nanos(trace.startMs),
    durationMs: trace.durationMs,
    ...(spanSet ? { spanSet, spanSets: [spanSet] } : {}),
    // Every span of a simulated trace is its source's; jsonpb leaves a zero errorCount out.
    serviceStats: {
      [trace.source.name]: {
        spanCount: trace.spans.length,
        ...(errorCount > 0 ? { errorCount } : {}),
      },
    },
  };
}
