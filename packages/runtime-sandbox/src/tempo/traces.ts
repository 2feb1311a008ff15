import { hexHash, latencyAt, pick, unitHash } from '../telemetry/deterministic';
import { requestRoute } from '../telemetry/requestRoute';
import { TelemetrySource } from '../telemetry/telemetrySources';

/** A span of a simulated trace. */
export interface SimulatedSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'server' | 'client' | 'internal';
  status: 'error' | 'ok' | 'unset';
  startMs: number;
  durationMs: number;
  attributes: Record<string, string | number>;
}

/** A simulated trace of one source. */
export interface SimulatedTrace {
  traceId: string;
  source: TelemetrySource;
  startMs: number;
  durationMs: number;
  spans: SimulatedSpan[];
}

/** Traces per second the sandbox keeps of a source (10 % head sampling, at least one a minute). */
function traceRate(source: TelemetrySource): number {
  return Math.max(source.telemetry.requestsPerSecond * 0.1, 1 / 60);
}

function timing(source: TelemetrySource): {
  intervalMs: number;
  phaseMs: number;
} {
  const intervalMs = 1000 / traceRate(source);
  return {
    intervalMs,
    phaseMs: unitHash(source.name, 'trace-phase') * intervalMs,
  };
}

const MASK48 = (1n << 48n) - 1n;

/** The trace id of trace `index` of source `sourceIndex`: random-looking, yet decodable. */
function traceIdOf(
  sourceIndex: number,
  source: TelemetrySource,
  index: number,
): string {
  const head = hexHash(8, source.name, index, 'trace-id');
  const pad = BigInt(`0x${hexHash(8, head, 'pad')}`);
  const body = ((BigInt(sourceIndex) << 48n) | (BigInt(index) & MASK48)) ^ pad;
  return head + body.toString(16).padStart(16, '0');
}

/** Which trace of which source an id names, if it is one the sandbox made. */
export function decodeTraceId(
  sources: TelemetrySource[],
  traceId: string,
): { sourceIndex: number; index: number } | undefined {
  const id = traceId.toLowerCase().padStart(32, '0');
  if (!/^[0-9a-f]{32}$/.test(id)) return undefined;
  const head = id.slice(0, 16);
  const body =
    BigInt(`0x${id.slice(16)}`) ^ BigInt(`0x${hexHash(8, head, 'pad')}`);
  const sourceIndex = Number(body >> 48n);
  let index = Number(body & MASK48);
  if (index >= 2 ** 47) index -= 2 ** 48;
  const source = sources[sourceIndex];
  if (!source || traceIdOf(sourceIndex, source, index) !== id) return undefined;
  return { sourceIndex, index };
}

/** What a trace is like before its spans are made: when it started, how long it took, whether it failed. */
export interface TraceOutline {
  startMs: number;
  durationMs: number;
  failed: boolean;
}

/** The outline of trace `index` of a source (cheap: no ids, no spans). */
function traceOutline(source: TelemetrySource, index: number): TraceOutline {
  const { intervalMs, phaseMs } = timing(source);
  return {
    startMs: Math.floor(index * intervalMs + phaseMs),
    failed: unitHash(source.name, index, 'error') < source.telemetry.errorRatio,
    durationMs: Math.max(
      1,
      latencyAt(
        source.telemetry.latencyMs,
        unitHash(source.name, index, 'latency'),
      ),
    ),
  };
}

/** Trace `index` of a source: when it started, how long it took, whether it failed, and its spans. */
export function simulatedTrace(
  sources: TelemetrySource[],
  sourceIndex: number,
  index: number,
): SimulatedTrace {
  const source = sources[sourceIndex];
  const { startMs, failed, durationMs } = traceOutline(source, index);
  const u = (salt: string) => unitHash(source.name, index, salt);
  const traceId = traceIdOf(sourceIndex, source, index);
  const spanId = (n: number) => hexHash(8, traceId, 'span', n);
  const endpoint = source.kind === 'inferenceEndpoint';
  const [method, route] = requestRoute(source, u('route'));
  const statusCode = failed ? pick([500, 502, 503, 504], u('status')) : 200;
  const root: SimulatedSpan = {
    spanId: spanId(0),
    name: `${method} ${route}`,
    kind: 'server',
    status: failed ? 'error' : 'unset',
    startMs,
    durationMs,
    attributes: {
      'http.request.method': method,
      'http.route': route,
      'http.response.status_code': statusCode,
    },
  };
  const spans = [root];
  const child = (
    n: number,
    name: string,
    kind: SimulatedSpan['kind'],
    from: number,
    share: number,
    error: boolean,
    attributes: Record<string, string | number>,
  ) =>
    spans.push({
      spanId: spanId(n),
      parentSpanId: root.spanId,
      name,
      kind,
      status: error ? 'error' : 'unset',
      startMs: startMs + Math.floor(durationMs * from),
      durationMs: Math.max(1, Math.floor(durationMs * share)),
      attributes,
    });
  if (endpoint) {
    child(1, 'queue', 'internal', 0.02, 0.1, false, {});
    child(2, 'inference', 'internal', 0.15, 0.8, failed, {
      'gen_ai.request.model': source.name,
    });
  } else {
    child(
      1,
      'SELECT items',
      'client',
      0.02,
      0.1,
      failed && source.dependencies.length === 0,
      {
        'db.system': 'postgresql',
      },
    );
    const dependency =
      source.dependencies.length > 0
        ? pick(source.dependencies, u('dependency'))
        : undefined;
    if (dependency) {
      child(
        2,
        'POST /openai/v1/chat/completions',
        'client',
        0.15,
        0.8,
        failed,
        {
          'peer.service': dependency,
          'http.response.status_code': statusCode,
        },
      );
    }
  }
  return { traceId, source, startMs, durationMs, spans };
}

/** How a search picks traces: cheap checks of the source and the outline first, then the trace. */
export interface TraceSelector {
  source?(source: TelemetrySource): boolean;
  outline?(outline: TraceOutline): boolean;
  trace(trace: SimulatedTrace): boolean;
}

/**
 * The traces of every source that start in [startMs, endMs), newest first, that the selector takes,
 * at most `limit` (looking at no more than `maxInspected` traces per source).
 */
export function findTraces(
  sources: TelemetrySource[],
  range: { startMs: number; endMs: number },
  selector: TraceSelector,
  limit: number,
  maxInspected = 5_000,
): { traces: SimulatedTrace[]; inspected: number } {
  const found: SimulatedTrace[] = [];
  let inspected = 0;
  sources.forEach((source, sourceIndex) => {
    if (selector.source && !selector.source(source)) return;
    const { intervalMs, phaseMs } = timing(source);
    const first = Math.ceil((range.startMs - phaseMs) / intervalMs) - 1;
    let kept = 0;
    let looked = 0;
    for (
      let index = Math.floor((range.endMs - phaseMs) / intervalMs) + 1;
      index >= first;
      index--
    ) {
      const outline = traceOutline(source, index);
      if (outline.startMs < range.startMs || outline.startMs >= range.endMs)
        continue;
      if (++looked > maxInspected) break;
      inspected++;
      if (selector.outline && !selector.outline(outline)) continue;
      const trace = simulatedTrace(sources, sourceIndex, index);
      if (!selector.trace(trace)) continue;
      found.push(trace);
      if (++kept >= limit) break;
    }
  });
  found.sort((a, b) => b.startMs - a.startMs);
  return { traces: found.slice(0, limit), inspected };
}
