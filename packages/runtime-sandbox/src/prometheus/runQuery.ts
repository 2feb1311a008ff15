import { formatSampleValue, TelemetryModel } from '../telemetry';
import { InstantValue, labelsKey, PromqlEvaluator } from './evaluate';
import { badData, PrometheusApiError } from './PrometheusApiError';
import { parsePromql, typeOf } from './parsePromql';
import { PromqlExpr } from './promqlAst';

/** A `[unix seconds, "value"]` pair as Prometheus's JSON carries it. */
type JsonPoint = [number, string];

/** The `data` of a successful query answer. */
export type QueryData =
  | { resultType: 'scalar'; result: JsonPoint }
  | {
      resultType: 'vector';
      result: Array<{ metric: Record<string, string>; value: JsonPoint }>;
    }
  | {
      resultType: 'matrix';
      result: Array<{ metric: Record<string, string>; values: JsonPoint[] }>;
    };

function point(t: number, value: number): JsonPoint {
  return [Math.round(t * 1000) / 1000, formatSampleValue(value)];
}

function parseQuery(query: string): PromqlExpr {
  try {
    return parsePromql(query);
  } catch (error) {
    if (error instanceof PrometheusApiError && error.errorType === 'bad_data') {
      throw badData(`invalid parameter "query": ${error.message}`);
    }
    throw error;
  }
}

/** Runs an instant query at unix time `t`. */
export function runInstantQuery(
  model: TelemetryModel,
  query: string,
  t: number,
): QueryData {
  const expr = parseQuery(query);
  if (typeOf(expr) === 'matrix') {
    throw new PrometheusApiError(
      'execution',
      'the sandbox Prometheus does not support range vector results (raw samples)',
    );
  }
  const value = new PromqlEvaluator(model).evaluate(expr, t);
  if (value.type === 'scalar') {
    return { resultType: 'scalar', result: point(t, value.value) };
  }
  return {
    resultType: 'vector',
    result: value.samples.map(sample => ({
      metric: sample.labels,
      value: point(t, sample.value),
    })),
  };
}

/** Runs a range query from `start` to `end` every `step` seconds; the answer is always a matrix. */
export function runRangeQuery(
  model: TelemetryModel,
  query: string,
  range: { start: number; end: number; step: number },
): QueryData {
  const expr = parseQuery(query);
  if (typeOf(expr) === 'matrix') {
    throw badData(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
  }
  const evaluator = new PromqlEvaluator(model);
  const series = new Map<
    string,
    { metric: Record<string, string>; values: JsonPoint[] }
  >();
  const add = (labels: Record<string, string>, t: number, value: number) => {
    const key = labelsKey(labels);
    const entry = series.get(key) ?? { metric: labels, values: [] };
    entry.values.push(point(t, value));
    series.set(key, entry);
  };
  for (let i = 0; ; i++) {
    const t = range.start + i * range.step;
    if (t > range.end) break;
    const value: InstantValue = evaluator.evaluate(expr, t);
    if (value.type === 'scalar') add({}, t, value.value);
    else
      for (const sample of value.samples) add(sample.labels, t, sample.value);
  }
  return {
    resultType: 'matrix',
    result: [...series.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, entry]) => entry),
  };
}
