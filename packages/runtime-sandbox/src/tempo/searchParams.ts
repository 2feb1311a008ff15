import { TraceSelector } from './traces';
import { SpansetFilter, parseDurationMs, parseTraceQL } from './parseTraceQL';
import {
  matchingSpans,
  outlineMayMatch,
  sourceMayMatch,
  spanAttribute,
} from './traceql';

/** A search Tempo refuses with 400 and a plain-text message. */
export class TempoBadRequest extends Error {}

const DEFAULT_LIMIT = 20;
const DEFAULT_RANGE_MS = 3_600_000;

/** A parsed `GET /api/search`. */
export interface TraceSearch {
  startMs: number;
  endMs: number;
  limit: number;
  /** The TraceQL filter, when `q` was given (its matched spans are shown). */
  filter?: SpansetFilter;
  selector: TraceSelector;
}

/** Tempo's `tags` parameter: logfmt `key=value key="quoted value"`. */
function parseTags(text: string): Array<[string, string]> {
  const tags: Array<[string, string]> = [];
  const pattern = /\s*([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/gy;
  let consumed = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    tags.push([
      match[1],
      match[2] !== undefined ? JSON.parse(`"${match[2]}"`) : match[3],
    ]);
    consumed = pattern.lastIndex;
  }
  if (text.slice(consumed).trim())
    throw new TempoBadRequest(`invalid tags: ${text}`);
  return tags;
}

function readDuration(
  params: URLSearchParams,
  name: string,
): number | undefined {
  const value = params.get(name);
  if (!value) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined)
    throw new TempoBadRequest(
      `invalid ${name}: time: invalid duration ${JSON.stringify(value)}`,
    );
  return ms;
}

function readSeconds(
  params: URLSearchParams,
  name: string,
): number | undefined {
  const value = params.get(name);
  if (!value) return undefined;
  if (!/^\d+$/.test(value))
    throw new TempoBadRequest(
      `invalid ${name}: strconv.ParseInt: parsing ${JSON.stringify(
        value,
      )}: invalid syntax`,
    );
  return Number(value) * 1000;
}

/**
 * Reads a Tempo search: `q` (TraceQL) or `tags` (logfmt) with `minDuration`/`maxDuration`, `limit`
 * (default 20), `start`/`end` in Unix seconds (default the last hour).
 */
export function readTraceSearch(
  params: URLSearchParams,
  now: Date,
): TraceSearch {
  const endMs = readSeconds(params, 'end') ?? now.getTime();
  const startMs = readSeconds(params, 'start') ?? endMs - DEFAULT_RANGE_MS;
  if (endMs <= startMs)
    throw new TempoBadRequest('http request error: start must be before end');
  const limitParam = params.get('limit');
  if (limitParam && !/^\d+$/.test(limitParam)) {
    throw new TempoBadRequest(
      `invalid limit: strconv.Atoi: parsing ${JSON.stringify(
        limitParam,
      )}: invalid syntax`,
    );
  }
  const limit =
    limitParam && Number(limitParam) > 0 ? Number(limitParam) : DEFAULT_LIMIT;
  const minMs = readDuration(params, 'minDuration');
  const maxMs = readDuration(params, 'maxDuration');
  if (minMs !== undefined && maxMs !== undefined && maxMs < minMs) {
    throw new TempoBadRequest(
      'invalid maxDuration: must be greater than minDuration',
    );
  }
  const withinDurations = (trace: { durationMs: number }) =>
    (minMs === undefined || trace.durationMs >= minMs) &&
    (maxMs === undefined || trace.durationMs <= maxMs);

  const q = params.get('q');
  if (q) {
    const filter = parseTraceQL(q);
    return {
      startMs,
      endMs,
      limit,
      filter,
      selector: {
        source: source => sourceMayMatch(filter, source),
        outline: outline =>
          withinDurations(outline) && outlineMayMatch(filter, outline),
        trace: trace => matchingSpans(filter, trace).length > 0,
      },
    };
  }
  const tags = parseTags(params.get('tags') ?? '');
  return {
    startMs,
    endMs,
    limit,
    selector: {
      source: source =>
        tags.every(
          ([key, value]) => key !== 'service.name' || source.name === value,
        ),
      outline: withinDurations,
      trace: trace =>
        trace.spans.some(span =>
          tags.every(([key, value]) => {
            if (key === 'error')
              return value === 'true' && span.status === 'error';
            if (key === 'status.code') return span.status === value;
            const actual = ['name', 'status', 'kind'].includes(key)
              ? spanAttribute(trace, span, key)
              : spanAttribute(trace, span, `.${key}`);
            return actual !== undefined && String(actual) === value;
          }),
        ),
    },
  };
}
