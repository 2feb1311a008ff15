import { hexHash, latencyAt, pick, unitHash } from '../telemetry/deterministic';
import { requestRoute } from '../telemetry/requestRoute';
import { TelemetrySource } from '../telemetry/telemetrySources';

/** A log level the simulated workloads write. */
type LogLevel = 'info' | 'warn' | 'error';

/** One simulated log stream: a source's lines of one level. */
export interface LogStream {
  source: TelemetrySource;
  level: LogLevel;
  labels: Record<string, string>;
  /** Lines per second. */
  rate: number;
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
      source,
      level,
      rate: rates[level],
      labels: {
        job: `${source.namespace}/${source.name}`,
        level,
        namespace: source.namespace,
        service: source.name,
      },
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
  return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

function logfmt(fields: Array<[string, string | number]>): string {
  return fields
    .map(([key, value]) => `${key}=${quote(String(value))}`)
    .join(' ');
}

/**
 * The `index`-th line of a stream, written at `timeMs`, in logfmt: the same stream and index always
 * give the same line.
 */
export function logLine(
  stream: LogStream,
  index: number,
  timeMs: number,
): string {
  const { source, level } = stream;
  const u = (salt: string) => unitHash(source.name, level, index, salt);
  const endpoint = source.kind === 'inferenceEndpoint';
  const [method, path] = requestRoute(source, u('route'));
  const latency = source.telemetry.latencyMs;
  let duration: number;
  if (level === 'warn')
    duration = latencyAt(latency, 0.99 + 0.01 * u('latency'));
  else if (level === 'info') duration = latencyAt(latency, 0.99 * u('latency'));
  else duration = latencyAt(latency, u('latency'));

  const fields: Array<[string, string | number]> = [
    ['level', level],
    ['ts', new Date(timeMs).toISOString()],
    ['caller', endpoint ? 'api_server.go:214' : 'http/server.go:142'],
  ];
  if (level === 'error') {
    const errors = endpoint
      ? ENGINE_ERRORS[source.engine ?? ''] ?? SERVICE_ERRORS
      : [
          ...source.dependencies.map(
            dependency => `upstream ${dependency}: 503 Service Unavailable`,
          ),
          ...SERVICE_ERRORS,
        ];
    fields.push(
      ['msg', 'request failed'],
      ['method', method],
      ['path', path],
      ['status', pick([500, 502, 503, 504], u('status'))],
      ['duration_ms', duration],
      ['err', pick(errors, u('error'))],
    );
  } else {
    fields.push(
      ['msg', level === 'warn' ? 'slow request' : 'request completed'],
      ['method', method],
      ['path', path],
      ['status', method === 'POST' && !endpoint ? 201 : 200],
      ['duration_ms', duration],
    );
    if (endpoint && source.features?.includes('TextGeneration')) {
      fields.push(
        ['model', source.name],
        ['prompt_tokens', 50 + Math.floor(u('prompt') * 1500)],
        ['generation_tokens', 20 + Math.floor(u('generation') * 600)],
      );
    } else if (endpoint) {
      fields.push(['model', source.name]);
    }
  }
  fields.push(['request_id', hexHash(8, source.name, level, index, 'request')]);
  return logfmt(fields);
}
