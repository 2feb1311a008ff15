import { hashParts, latencyAt, pick } from '../telemetry/deterministic';
import { requestRoute } from '../telemetry/requestRoute';
import { TelemetrySource } from '../telemetry/telemetrySources';
import {
  HEX_CHARS,
  ISO_TIME_CHARS,
  LinePart,
  LineTemplate,
  NUMBER_CHARS,
} from './lineTemplate';

/** A log level the simulated workloads write. */
export type LogLevel = 'info' | 'warn' | 'error';

/**
 * One simulated log stream: a workload's lines of one level, labelled `job` (`<namespace>/<service>`),
 * `level`, `namespace` and `service`.
 */
export interface LogStream {
  level: LogLevel;
  labels: Record<string, string>;
  /** Lines per second. */
  rate: number;
  /** The `index`-th line, written at `timeMs`: the same index always gives the same line. */
  line(index: number, timeMs: number): string;
  /**
   * Templates every line of the stream fits (see {@link LineTemplate}), when the stream knows them:
   * a query whose line filter no template can match skips the stream instead of reading its lines.
   */
  templates?: readonly LineTemplate[];
}

/** The labels of a workload's stream of one level, as the collector writes them. */
export function streamLabels(
  namespace: string,
  service: string,
  level: LogLevel,
): Record<string, string> {
  return { job: `${namespace}/${service}`, level, namespace, service };
}

/** The streams of a source: info lines at its request rate, warnings for the slowest 1 % of requests, errors at rate × error ratio. */
export function logStreams(source: TelemetrySource): LogStream[] {
  const { requestsPerSecond, errorRatio } = source.telemetry;
  const rates: Record<LogLevel, number> = {
    info: requestsPerSecond,
    warn: requestsPerSecond * 0.01,
    error: requestsPerSecond * errorRatio,
  };
  return (Object.keys(rates) as LogLevel[])
    .filter(level => rates[level] > 0)
    .map(level => ({
      level,
      rate: rates[level],
      labels: streamLabels(source.namespace, source.name, level),
      line: (index: number, timeMs: number) =>
        logLine(source, level, index, timeMs),
      templates: [lineTemplate(source, level)],
    }));
}

const ENGINE_ERRORS: Record<string, string[]> = {
  VLLM: [
    'CUDA out of memory. Tried to allocate 2.00 GiB',
    'request timed out after 60s waiting in queue',
    "This model's maximum context length is 8192 tokens. However, you requested 9312 tokens",
    'AsyncEngineDeadError: Background loop has errored already.',
  ],
  Infinity: [
    'batch inference failed: input exceeds max length 512',
    'model worker is not ready',
  ],
  FasterWhisper: [
    'audio decoding failed: Invalid data found when processing input',
    'CUDA out of memory. Tried to allocate 1.20 GiB',
  ],
};
const SERVICE_ERRORS = [
  'database: connection refused',
  'dial tcp 10.42.3.17:5432: i/o timeout',
  'context deadline exceeded',
];

function quote(value: string): string {
  return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

/** Fields in logfmt (`key=value`; empty values and values with spaces, quotes or `=` quoted), as go-kit writes them. */
export function logfmt(fields: Array<[string, string | number]>): string {
  return (
    fields
      // A number is never empty and has no space, quote or `=`: it is never quoted.
      .map(
        ([key, value]) =>
          `${key}=${typeof value === 'number' ? value : quote(value)}`,
      )
      .join(' ')
  );
}

/**
 * The template of {@link logfmt}'s lines for fields whose values are parts: texts quoted as logfmt
 * quotes them; a run of characters (that need no quotes) written bare, or `""` when empty.
 */
function logfmtTemplate(
  fields: Array<[string, string | number | LinePart]>,
): LineTemplate {
  return fields.flatMap(([key, value], i): LinePart[] => {
    const prefix = `${i > 0 ? ' ' : ''}${key}=`;
    if (typeof value !== 'object') return [prefix + quote(String(value))];
    if ('anyOf' in value) return [prefix, { anyOf: value.anyOf.map(quote) }];
    if (/[\s"=]/.test(value.chars)) {
      throw new TypeError(`logfmt would quote some of ${value.chars}`);
    }
    return [prefix, { anyOf: ['', '""'] }, value];
  });
}

/** The statuses of failed requests. */
const ERROR_STATUSES = [500, 502, 503, 504];

/** The errors a source's failed requests report. */
function sourceErrors(source: TelemetrySource): string[] {
  return source.kind === 'inferenceEndpoint'
    ? ENGINE_ERRORS[source.engine ?? ''] ?? SERVICE_ERRORS
    : [
        ...source.dependencies.map(
          dependency => `upstream ${dependency}: 503 Service Unavailable`,
        ),
        ...SERVICE_ERRORS,
      ];
}

/** What varies between the lines of a source's stream: values in a line, their parts in its template. */
interface LineValues<V> {
  ts: V;
  method: V;
  path: V;
  status: V;
  duration: V;
  err: V;
  promptTokens: V;
  generationTokens: V;
  requestId: V;
}

/** The logfmt fields of a line of a source's stream of `level`, around its variable values. */
function lineFields<V>(
  source: TelemetrySource,
  level: LogLevel,
  values: LineValues<V>,
): Array<[string, string | number | V]> {
  const endpoint = source.kind === 'inferenceEndpoint';
  const fields: Array<[string, string | number | V]> = [
    ['level', level],
    ['ts', values.ts],
    ['caller', endpoint ? 'api_server.go:214' : 'http/server.go:142'],
  ];
  if (level === 'error') {
    fields.push(
      ['msg', 'request failed'],
      ['method', values.method],
      ['path', values.path],
      ['status', values.status],
      ['duration_ms', values.duration],
      ['err', values.err],
    );
  } else {
    fields.push(
      ['msg', level === 'warn' ? 'slow request' : 'request completed'],
      ['method', values.method],
      ['path', values.path],
      ['status', values.status],
      ['duration_ms', values.duration],
    );
    if (endpoint && source.features?.includes('TextGeneration')) {
      fields.push(
        ['model', source.name],
        ['prompt_tokens', values.promptTokens],
        ['generation_tokens', values.generationTokens],
      );
    } else if (endpoint) {
      fields.push(['model', source.name]);
    }
  }
  fields.push(['request_id', values.requestId]);
  return fields;
}

/**
 * The `index`-th line of a source's stream of `level`, written at `timeMs`, in logfmt: the same
 * source, level and index always give the same line.
 */
function logLine(
  source: TelemetrySource,
  level: LogLevel,
  index: number,
  timeMs: number,
): string {
  const hashes = hashParts(source.name, level, index);
  const u = (salt: string) => hashes.unit(salt);
  const [method, path] = requestRoute(source, u('route'));
  const latency = source.telemetry.latencyMs;
  let duration: number;
  if (level === 'warn')
    duration = latencyAt(latency, 0.99 + 0.01 * u('latency'));
  else if (level === 'info') duration = latencyAt(latency, 0.99 * u('latency'));
  else duration = latencyAt(latency, u('latency'));
  const textGeneration =
    level !== 'error' &&
    source.kind === 'inferenceEndpoint' &&
    source.features?.includes('TextGeneration');
  const okStatus =
    method === 'POST' && source.kind !== 'inferenceEndpoint' ? 201 : 200;
  const fields = lineFields<string | number>(source, level, {
    ts: new Date(timeMs).toISOString(),
    method,
    path,
    status: level === 'error' ? pick(ERROR_STATUSES, u('status')) : okStatus,
    duration,
    err: level === 'error' ? pick(sourceErrors(source), u('error')) : '',
    promptTokens: textGeneration ? 50 + Math.floor(u('prompt') * 1500) : 0,
    generationTokens: textGeneration
      ? 20 + Math.floor(u('generation') * 600)
      : 0,
    requestId: hashes.hex(8, 'request'),
  });
  return logfmt(fields);
}

/**
 * The routes `requestRoute` gives a source: it picks one of a few routes by a unit number
 * (`pick`), so units `k / ROUTE_SAMPLES` reach every one of up to `ROUTE_SAMPLES` routes. The
 * template test checks the stream's lines against them.
 */
const ROUTE_SAMPLES = 64;
function sourceRoutes(source: TelemetrySource): Array<[string, string]> {
  return Array.from({ length: ROUTE_SAMPLES }, (_, k) =>
    requestRoute(source, k / ROUTE_SAMPLES),
  );
}

/** The template of every line of a source's stream of `level` (see {@link LineTemplate}). */
function lineTemplate(source: TelemetrySource, level: LogLevel): LineTemplate {
  const routes = sourceRoutes(source);
  const texts = (values: Array<string | number>) => ({
    anyOf: [...new Set(values.map(String))],
  });
  const number = { chars: NUMBER_CHARS };
  return logfmtTemplate(
    lineFields<LinePart>(source, level, {
      ts: { chars: ISO_TIME_CHARS },
      method: texts(routes.map(([method]) => method)),
      path: texts(routes.map(([, path]) => path)),
      status: texts(level === 'error' ? ERROR_STATUSES : [200, 201]),
      duration: number,
      err: texts(sourceErrors(source)),
      promptTokens: number,
      generationTokens: number,
      requestId: { chars: HEX_CHARS },
    }),
  );
}
