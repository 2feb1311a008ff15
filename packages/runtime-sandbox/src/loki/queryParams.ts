/** A request Loki refuses with 400 and a plain-text message. */
export class LokiBadRequest extends Error {}

const MAX_ENTRIES_LIMIT = 5000;
const DEFAULT_LIMIT = 100;
const DEFAULT_RANGE_NS = 3_600_000_000_000n;

/**
 * A Loki timestamp parameter: float seconds (with a `.`), integer seconds (up to 10 digits),
 * integer nanoseconds, or RFC 3339; as nanoseconds.
 */
export function parseLokiTime(name: string, value: string): bigint {
  if (value.includes('.') && /^\d+\.\d*$/.test(value)) {
    const [seconds, fraction] = value.split('.');
    return (
      BigInt(seconds) * 1_000_000_000n +
      BigInt(`${fraction}000000000`.slice(0, 9))
    );
  }
  if (/^-?\d+$/.test(value)) {
    return value.replace('-', '').length <= 10
      ? BigInt(value) * 1_000_000_000n
      : BigInt(value);
  }
  const match =
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(
      value,
    );
  const time = match ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new LokiBadRequest(
      `invalid ${name} parameter: cannot parse ${JSON.stringify(
        value,
      )} to a valid timestamp`,
    );
  }
  const wholeSecondsMs = Math.floor(time / 1000) * 1000;
  return (
    BigInt(wholeSecondsMs) * 1_000_000n +
    BigInt(`${match![1] ?? ''}000000000`.slice(0, 9))
  );
}

/** The parameters of `GET /loki/api/v1/query_range`, with Loki's defaults and checks. */
export interface RangeQueryParams {
  query: string;
  startNs: bigint;
  endNs: bigint;
  limit: number;
  direction: 'forward' | 'backward';
}

/**
 * Reads `query`, `start`, `end` (default now and an hour before it), `limit` (default 100, at most
 * 5000) and `direction` (default backward) as Loki does.
 */
export function readRangeQueryParams(
  params: URLSearchParams,
  now: Date,
): RangeQueryParams {
  const query = params.get('query') ?? '';
  const endParam = params.get('end');
  const endNs = endParam
    ? parseLokiTime('end', endParam)
    : BigInt(now.getTime()) * 1_000_000n;
  const startParam = params.get('start');
  const startNs = startParam
    ? parseLokiTime('start', startParam)
    : endNs - DEFAULT_RANGE_NS;
  if (endNs < startNs) {
    throw new LokiBadRequest(
      'end timestamp must not be before or equal to start time',
    );
  }
  let limit = DEFAULT_LIMIT;
  const limitParam = params.get('limit');
  if (limitParam) {
    if (!/^\d+$/.test(limitParam)) {
      throw new LokiBadRequest(
        `invalid limit: strconv.ParseUint: parsing ${JSON.stringify(
          limitParam,
        )}: invalid syntax`,
      );
    }
    limit = Number(limitParam);
    if (limit <= 0) throw new LokiBadRequest('limit must be a positive value');
    if (limit > MAX_ENTRIES_LIMIT) {
      throw new LokiBadRequest(
        `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${MAX_ENTRIES_LIMIT})`,
      );
    }
  }
  const directionParam = (params.get('direction') ?? 'backward').toLowerCase();
  if (directionParam !== 'forward' && directionParam !== 'backward') {
    throw new LokiBadRequest(
      `invalid direction: ${JSON.stringify(params.get('direction'))}`,
    );
  }
  return { query, startNs, endNs, limit, direction: directionParam };
}
