import { badData } from './PrometheusApiError';
import { parseDurationSeconds } from './promqlLiterals';

/** Prometheus's limit of points per series in a range query. */
const MAX_POINTS_PER_SERIES = 11000;

/** Parses a timestamp parameter as Prometheus does: unix seconds (float) or RFC 3339. */
function parseTime(text: string): number {
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(
      text,
    )
  ) {
    const millis = Date.parse(text);
    if (!Number.isNaN(millis)) return millis / 1000;
  }
  throw new Error(`cannot parse "${text}" to a valid timestamp`);
}

/** Parses a duration parameter as Prometheus does: seconds (float) or a duration such as `1m`. */
function parseDurationParam(text: string): number {
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) {
    throw new Error(`cannot parse "${text}" to a valid duration`);
  }
  return seconds;
}

function invalidParam(name: string, error: unknown) {
  return badData(`invalid parameter "${name}": ${(error as Error).message}`);
}

/** The `time` of an instant query (now when absent). */
export function readInstantTime(params: URLSearchParams, now: number): number {
  const text = params.get('time') ?? '';
  if (text === '') return now;
  try {
    return parseTime(text);
  } catch (error) {
    throw invalidParam(
      'time',
      new Error(`Invalid time value for 'time': ${(error as Error).message}`),
    );
  }
}

/** `start`, `end` and `step` of a range query, checked in Prometheus's order and words. */
export function readRange(params: URLSearchParams): {
  start: number;
  end: number;
  step: number;
} {
  const read = <T>(name: string, parse: (text: string) => T): T => {
    try {
      return parse(params.get(name) ?? '');
    } catch (error) {
      throw invalidParam(name, error);
    }
  };
  const start = read('start', parseTime);
  const end = read('end', parseTime);
  if (end < start) {
    throw invalidParam(
      'end',
      new Error('end timestamp must not be before start time'),
    );
  }
  const step = read('step', parseDurationParam);
  if (step <= 0) {
    throw invalidParam(
      'step',
      new Error(
        'zero or negative query resolution step widths are not accepted. Try a positive integer',
      ),
    );
  }
  if ((end - start) / step > MAX_POINTS_PER_SERIES) {
    throw badData(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  return { start, end, step };
}
