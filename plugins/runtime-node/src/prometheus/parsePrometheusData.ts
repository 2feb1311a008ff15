import {
  PrometheusInstantResult,
  PrometheusPoint,
  PrometheusRangeSeries,
} from './types';

/** Reads a sample value as Prometheus writes it (`"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`). */
function parseSampleValue(text: unknown): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default: {
      const value =
        typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
      if (Number.isNaN(value)) {
        throw new Error(`not a sample value: ${JSON.stringify(text)}`);
      }
      return value;
    }
  }
}

function point(raw: unknown): PrometheusPoint {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') {
    throw new Error('not a [timestamp, value] pair');
  }
  return [raw[0], parseSampleValue(raw[1])];
}

function metric(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null)
    throw new Error('series without metric');
  return raw as Record<string, string>;
}

/** Reads a matrix result (`[{metric, values}]`). */
export function parseMatrix(raw: unknown): PrometheusRangeSeries[] {
  if (!Array.isArray(raw)) throw new Error('matrix result is not a list');
  return raw.map(series => ({
    metric: metric(series?.metric),
    values: (Array.isArray(series?.values) ? series.values : []).map(point),
  }));
}

/** Reads the `data` of a successful query answer into typed, numeric results. */
export function parseQueryData(data: unknown): PrometheusInstantResult {
  const { resultType, result } = (data ?? {}) as {
    resultType?: unknown;
    result?: unknown;
  };
  switch (resultType) {
    case 'vector':
      if (!Array.isArray(result))
        throw new Error('vector result is not a list');
      return {
        resultType,
        result: result.map(sample => ({
          metric: metric(sample?.metric),
          value: point(sample?.value),
        })),
      };
    case 'scalar':
      return { resultType, result: point(result) };
    case 'string': {
      const [t, value] = Array.isArray(result) ? result : [];
      if (typeof t !== 'number' || typeof value !== 'string') {
        throw new Error('string result is not a [timestamp, string] pair');
      }
      return { resultType, result: [t, value] };
    }
    case 'matrix':
      return { resultType, result: parseMatrix(result) };
    default:
      throw new Error(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}
