import { unitHash } from '../telemetry/deterministic';
import { filtersExcludeStream } from './filtersExcludeStream';
import { LogStream } from './logLines';
import { LogQuery, passesLineFilters } from './logql';

/** At most this many lines of one stream are looked at per query (a sandbox bound on work). */
const MAX_SCANNED_PER_STREAM = 50_000;

/** A log line with its stream. */
export interface LogEntry {
  stream: LogStream;
  /** Nanoseconds since the epoch. */
  timestampNs: bigint;
  line: string;
}

function nanos(timeMs: number): bigint {
  const whole = Math.floor(timeMs);
  return (
    BigInt(whole) * 1_000_000n + BigInt(Math.floor((timeMs - whole) * 1e6))
  );
}

/**
 * The lines of one stream in [startNs, endNs) that pass the line filters, in the direction's order
 * (newest first for `backward`), at most `limit`. Line k of a stream is written at
 * k / rate seconds after the epoch plus a stable per-stream phase, so lines never change.
 */
function streamEntries(
  stream: LogStream,
  query: LogQuery,
  startNs: bigint,
  endNs: bigint,
  limit: number,
  direction: 'forward' | 'backward',
): LogEntry[] {
  // Lines no filter can pass are not generated: the answer is the same, an empty list.
  if (filtersExcludeStream(query, stream)) return [];
  const intervalMs = 1000 / stream.rate;
  const phaseMs =
    unitHash(stream.labels.service, stream.level, 'phase') * intervalMs;
  const startMs = Number(startNs / 1_000_000n);
  const endMs = Number(endNs / 1_000_000n) + 1;
  const first = Math.ceil((startMs - phaseMs) / intervalMs) - 1;
  const last = Math.floor((endMs - phaseMs) / intervalMs) + 1;
  const entries: LogEntry[] = [];
  const step = direction === 'forward' ? 1 : -1;
  let scanned = 0;
  for (
    let index = direction === 'forward' ? first : last;
    direction === 'forward' ? index <= last : index >= first;
    index += step
  ) {
    const timeMs = index * intervalMs + phaseMs;
    const timestampNs = nanos(timeMs);
    if (timestampNs < startNs || timestampNs >= endNs) continue;
    if (++scanned > MAX_SCANNED_PER_STREAM) break;
    const line = stream.line(index, timeMs);
    if (!passesLineFilters(query, line)) continue;
    entries.push({ stream, timestampNs, line });
    if (entries.length >= limit) break;
  }
  return entries;
}

/**
 * The entries of the selected streams in [startNs, endNs), merged across streams in the direction's
 * order and cut at `limit` in total, as Loki answers a log query.
 */
export function queryLogs(
  streams: LogStream[],
  query: LogQuery,
  range: { startNs: bigint; endNs: bigint },
  limit: number,
  direction: 'forward' | 'backward',
): LogEntry[] {
  const all = streams.flatMap(stream =>
    streamEntries(stream, query, range.startNs, range.endNs, limit, direction),
  );
  all.sort((a, b) => {
    if (a.timestampNs === b.timestampNs) return 0;
    const ascending = a.timestampNs < b.timestampNs ? -1 : 1;
    return direction === 'forward' ? ascending : -ascending;
  });
  return all.slice(0, limit);
}
