import { LogLevel, logfmt } from './logLines';

/** Fields of a structured line, in the order they are written. */
export type LogFields = Array<[string, string | number]>;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `2025-01-15T12:34:56.789Z`, as Go's RFC 3339 with milliseconds and Java/JS write it. */
function iso(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/** `2025-01-15T12:34:56Z`: RFC 3339 to the second (logrus, Harbor). */
function isoSeconds(timeMs: number): string {
  return `${iso(timeMs).slice(0, 19)}Z`;
}

/** The UTC date and time parts of an instant. */
function parts(timeMs: number) {
  const d = new Date(timeMs);
  return {
    year: d.getUTCFullYear(),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(
      d.getUTCSeconds(),
    )}`,
    millis: pad(d.getUTCMilliseconds(), 3),
  };
}

/** go-kit's logfmt logger (Loki, Tempo): `level=… ts=… caller=… msg=…` (no `msg` when empty). */
export function goKitLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  msg: string,
  fields: LogFields = [],
): string {
  return logfmt([
    ['level', level],
    ['ts', iso(timeMs)],
    ['caller', caller],
    ...(msg ? [['msg', msg] as [string, string]] : []),
    ...fields,
  ]);
}

/** Go's `log/slog` text handler with source (Prometheus 3): `time=… level=ERROR source=… msg=…`. */
export function slogLine(
  level: LogLevel,
  timeMs: number,
  source: string,
  msg: string,
  fields: LogFields = [],
): string {
  return logfmt([
    ['time', iso(timeMs)],
    ['level', level.toUpperCase()],
    ['source', source],
    ['msg', msg],
    ...fields,
  ]);
}

/** Grafana's logfmt logger: `logger=… t=… level=… msg=…`. */
export function grafanaLine(
  level: LogLevel,
  timeMs: number,
  logger: string,
  msg: string,
  fields: LogFields = [],
): string {
  return logfmt([
    ['logger', logger],
    ['t', iso(timeMs)],
    ['level', level],
    ['msg', msg],
    ...fields,
  ]);
}

/** Grafana Alloy's logfmt logger: `ts=… level=… msg=…` and the component's path and id. */
export function alloyLine(
  level: LogLevel,
  timeMs: number,
  msg: string,
  fields: LogFields = [],
): string {
  return logfmt([
    ['ts', iso(timeMs)],
    ['level', level],
    ['msg', msg],
    ...fields,
  ]);
}

/** logrus's text formatter quotes every value outside `[A-Za-z0-9-._/@^+]`. */
function logrusValue(value: string | number): string {
  const text = String(value);
  return /^[A-Za-z0-9\-._/@^+]+$/.test(text) ? text : JSON.stringify(text);
}

/** logrus's text formatter (Argo CD, external-dns): `time="…" level=warning msg="…"`. */
export function logrusLine(
  level: LogLevel,
  timeMs: number,
  msg: string,
  fields: LogFields = [],
): string {
  const all: LogFields = [
    ['time', isoSeconds(timeMs)],
    ['level', level === 'warn' ? 'warning' : level],
    ['msg', msg],
    ...fields,
  ];
  return all.map(([key, value]) => `${key}=${logrusValue(value)}`).join(' ');
}

/** klog's header: `E0115 12:34:56.789000       1 file.go:123] `. */
function klogHeader(level: LogLevel, timeMs: number, caller: string): string {
  const { month, day, time, millis } = parts(timeMs);
  const severity = { info: 'I', warn: 'W', error: 'E' }[level];
  return `${severity}${month}${day} ${time}.${millis}000       1 ${caller}] `;
}

/**
 * klog's structured text format (cert-manager, ingress-nginx's controller):
 * `E0115 12:34:56.789000       1 file.go:123] "message" key="value"`.
 */
export function klogLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  msg: string,
  fields: LogFields = [],
): string {
  const values = fields.map(
    ([key, value]) =>
      ` ${key}=${typeof value === 'number' ? value : JSON.stringify(value)}`,
  );
  return `${klogHeader(level, timeMs, caller)}${JSON.stringify(
    msg,
  )}${values.join('')}`;
}

/** klog's printf-style lines (client-go's `klog.Errorf`): `E0115 12:34:56.789000       1 file.go:123] text`. */
export function klogPrintfLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  text: string,
): string {
  return `${klogHeader(level, timeMs, caller)}${text}`;
}

/** go-kit's JSON logger (MetalLB): one JSON object with its keys sorted, `ts` in RFC 3339. */
export function goKitJsonLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  fields: Record<string, unknown>,
): string {
  const all: Record<string, unknown> = {
    ...fields,
    caller,
    level,
    ts: iso(timeMs),
  };
  const sorted = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map(key => [key, all[key]]),
  );
  return JSON.stringify(sorted);
}

/** zap's JSON encoder (Temporal, OpenFGA, Argo Events): one JSON object, `ts` as RFC 3339 or epoch seconds. */
export function zapJsonLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  msg: string,
  fields: Record<string, unknown> = {},
  ts: 'iso' | 'epoch' = 'iso',
): string {
  return JSON.stringify({
    level,
    ts: ts === 'iso' ? iso(timeMs) : timeMs / 1000,
    caller,
    msg,
    ...fields,
  });
}

/** zap's development console encoder (controller-runtime): `time\tLEVEL\tlogger\tmsg\t{"k": "v"}` (no logger column when unnamed). */
export function zapConsoleLine(
  level: LogLevel,
  timeMs: number,
  logger: string,
  msg: string,
  fields: Record<string, unknown> = {},
): string {
  const context = Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ');
  const name = logger ? `${logger}\t` : '';
  return `${iso(timeMs)}\t${level.toUpperCase()}\t${name}${msg}${
    context ? `\t{${context}}` : ''
  }`;
}

/** Go's standard `log` package: `2025/01/15 12:34:56 message`. */
export function goStdLogLine(timeMs: number, msg: string): string {
  const { year, month, day, time } = parts(timeMs);
  return `${year}/${month}/${day} ${time} ${msg}`;
}

/** HashiCorp's hclog (OpenBao): `2025-01-15T12:34:56.789Z [ERROR] core: message: key=value`. */
export function hclogLine(
  level: LogLevel,
  timeMs: number,
  module: string,
  msg: string,
  fields: LogFields = [],
): string {
  const values = fields.map(([key, value]) => ` ${key}=${value}`).join('');
  const severity = `[${level.toUpperCase()}]`.padEnd(7);
  return `${iso(timeMs)} ${severity} ${module}: ${msg}${
    values ? `:${values}` : ''
  }`;
}

/** Quarkus's console format (Keycloak): `2025-01-15 12:34:56,789 ERROR [category] (thread) message`. */
export function quarkusLine(
  level: LogLevel,
  timeMs: number,
  category: string,
  thread: string,
  msg: string,
): string {
  const { year, month, day, time, millis } = parts(timeMs);
  const severity = level === 'warn' ? 'WARN ' : level.toUpperCase().padEnd(5);
  return `${year}-${month}-${day} ${time},${millis} ${severity} [${category}] (${thread}) ${msg}`;
}

/** vLLM's Python logging format: `ERROR 01-15 12:34:56 engine.py:135] message`. */
export function vllmLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  msg: string,
): string {
  const { month, day, time } = parts(timeMs);
  const severity = level === 'warn' ? 'WARNING' : level.toUpperCase();
  return `${severity} ${month}-${day} ${time} ${caller}] ${msg}`;
}

/** Python's `logging` default-ish format of uvicorn and gunicorn apps: `[2025-01-15 12:34:56 +0000] [1] [ERROR] message`. */
export function gunicornLine(
  level: LogLevel,
  timeMs: number,
  msg: string,
): string {
  const { year, month, day, time } = parts(timeMs);
  const severity = level === 'warn' ? 'WARNING' : level.toUpperCase();
  return `[${year}-${month}-${day} ${time} +0000] [1] [${severity}] ${msg}`;
}

/**
 * PostgreSQL's stderr log with `log_line_prefix = '%m [%p] '`: `2025-01-15 12:34:56.789 UTC [812] ERROR:  message`
 * (`LOG`, `WARNING`, `ERROR` by level, or the severity given, e.g. `FATAL`, `DETAIL`).
 */
export function postgresLine(
  level: LogLevel,
  timeMs: number,
  pid: number,
  msg: string,
  severity = { info: 'LOG', warn: 'WARNING', error: 'ERROR' }[level],
): string {
  const { year, month, day, time, millis } = parts(timeMs);
  return `${year}-${month}-${day} ${time}.${millis} UTC [${pid}] ${severity}:  ${msg}`;
}

/** nginx's error log (ingress-nginx, APISIX): `2025/01/15 12:34:56 [error] 49#49: *1234 message`. */
export function nginxErrorLine(
  level: LogLevel,
  timeMs: number,
  connection: number,
  msg: string,
): string {
  const { year, month, day, time } = parts(timeMs);
  return `${year}/${month}/${day} ${time} [${level}] 49#49: *${connection} ${msg}`;
}

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** nginx's `$time_local`: `15/Jan/2025:12:34:56 +0000`. */
export function nginxTimeLocal(timeMs: number): string {
  const d = new Date(timeMs);
  const { year, day, time } = parts(timeMs);
  return `${day}/${MONTHS[d.getUTCMonth()]}/${year}:${time} +0000`;
}

/** Harbor's logger: `2025-01-15T12:34:56Z [ERROR] [/server/middleware/…go:57][requestID="…"]: message`. */
export function harborLine(
  level: LogLevel,
  timeMs: number,
  caller: string,
  msg: string,
): string {
  const severity = level === 'warn' ? 'WARNING' : level.toUpperCase();
  return `${isoSeconds(timeMs)} [${severity}] [${caller}]: ${msg}`;
}

/** A JSON line with the time under `time` (MinIO's `--json` logs, GitLab's `*_json.log`). */
export function jsonLine(
  timeMs: number,
  fields: Record<string, unknown>,
): string {
  return JSON.stringify({ time: iso(timeMs), ...fields });
}
