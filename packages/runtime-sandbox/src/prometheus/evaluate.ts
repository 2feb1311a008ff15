import { TelemetryModel, TelemetrySeries } from '../telemetry';
import { PrometheusApiError } from './PrometheusApiError';
import { bucketQuantile, HistogramBucket } from './histogramQuantile';
import { BinaryOp, PromqlExpr, VectorSelectorExpr } from './promqlAst';

/** A label set, with the metric name as `__name__`. */
export type Labels = Record<string, string>;

/** One sample of an instant vector. */
export interface Sample {
  labels: Labels;
  value: number;
}

/** What an expression evaluates to at one instant. */
export type InstantValue =
  | { type: 'scalar'; value: number }
  | { type: 'vector'; samples: Sample[] };

/**
 * Evaluates parsed PromQL against the telemetry model. Series are functions of time, so selectors read
 * the value at the instant and `rate`/`increase` read the cumulative counters at both ends of the
 * window (a window reaching back before the model's start counts from the start).
 */
export class PromqlEvaluator {
  private readonly selections = new Map<
    VectorSelectorExpr,
    TelemetrySeries[]
  >();

  constructor(private readonly model: TelemetryModel) {}

  /** Evaluates the expression at unix time `t` (seconds). */
  evaluate(expr: PromqlExpr, t: number): InstantValue {
    switch (expr.kind) {
      case 'number':
        return { type: 'scalar', value: expr.value };
      case 'vectorSelector':
        return {
          type: 'vector',
          samples:
            t < this.model.startedAt
              ? []
              : this.select(expr).map(series => ({
                  labels: series.labels,
                  value: series.valueAt(t),
                })),
        };
      case 'negate':
        return this.binary(
          '-',
          { type: 'scalar', value: 0 },
          this.evaluate(expr.expr, t),
          false,
        );
      case 'call':
        return this.call(expr, t);
      case 'aggregate':
        return {
          type: 'vector',
          samples: aggregate(
            expr.op,
            expr.without,
            expr.grouping,
            this.vector(expr.expr, t),
          ),
        };
      case 'binary':
        return this.binary(
          expr.op,
          this.evaluate(expr.lhs, t),
          this.evaluate(expr.rhs, t),
          expr.returnBool,
          expr.matching,
        );
      default:
        throw new PrometheusApiError(
          'execution',
          `cannot evaluate a range vector here`,
        );
    }
  }

  private select(selector: VectorSelectorExpr): TelemetrySeries[] {
    let selected = this.selections.get(selector);
    if (!selected) {
      selected = this.model
        .series()
        .filter(series =>
          selector.matchers.every(m => m.matches(series.labels[m.name] ?? '')),
        );
      this.selections.set(selector, selected);
    }
    return selected;
  }

  private vector(expr: PromqlExpr, t: number): Sample[] {
    const value = this.evaluate(expr, t);
    if (value.type !== 'vector') {
      throw new PrometheusApiError('execution', 'expected an instant vector');
    }
    return value.samples;
  }

  private call(
    expr: Extract<PromqlExpr, { kind: 'call' }>,
    t: number,
  ): InstantValue {
    if (expr.func === 'histogram_quantile') {
      const q = this.evaluate(expr.args[0], t);
      const phi = q.type === 'scalar' ? q.value : NaN;
      return {
        type: 'vector',
        samples: histogramQuantile(phi, this.vector(expr.args[1], t)),
      };
    }
    const matrix = expr.args[0];
    if (matrix.kind !== 'matrixSelector') {
      throw new PrometheusApiError(
        'execution',
        'expected a range vector selector',
      );
    }
    const from = Math.max(t - matrix.rangeSeconds, this.model.startedAt);
    if (t <= from) return { type: 'vector', samples: [] };
    const samples = this.select(matrix.selector).map(series => {
      const increase = series.valueAt(t) - series.valueAt(from);
      return {
        labels: dropName(series.labels),
        value: expr.func === 'rate' ? increase / matrix.rangeSeconds : increase,
      };
    });
    return { type: 'vector', samples };
  }

  private binary(
    op: BinaryOp,
    lhs: InstantValue,
    rhs: InstantValue,
    returnBool: boolean,
    matching?: { on: boolean; labels: string[] },
  ): InstantValue {
    const comparison = isComparison(op);
    if (lhs.type === 'scalar' && rhs.type === 'scalar') {
      const value = apply(op, lhs.value, rhs.value);
      return {
        type: 'scalar',
        value: comparison ? Number(value !== 0) : value,
      };
    }
    if (lhs.type === 'scalar' || rhs.type === 'scalar') {
      const swap = lhs.type === 'scalar';
      const vector = (swap ? rhs : lhs) as { samples: Sample[] };
      const scalar = ((swap ? lhs : rhs) as { value: number }).value;
      const samples: Sample[] = [];
      for (const sample of vector.samples) {
        const [l, r] = swap ? [scalar, sample.value] : [sample.value, scalar];
        const result = elementOp(op, l, r, sample.value, returnBool);
        if (result === undefined) continue;
        samples.push({
          labels:
            !comparison || returnBool ? dropName(sample.labels) : sample.labels,
          value: result,
        });
      }
      return { type: 'vector', samples };
    }
    return {
      type: 'vector',
      samples: vectorBinary(op, lhs.samples, rhs.samples, returnBool, matching),
    };
  }
}

function isComparison(op: BinaryOp): boolean {
  return !['+', '-', '*', '/'].includes(op);
}

function apply(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '==':
      return Number(l === r);
    case '!=':
      return Number(l !== r);
    case '>':
      return Number(l > r);
    case '<':
      return Number(l < r);
    case '>=':
      return Number(l >= r);
    default:
      return Number(l <= r);
  }
}

/** One element of a vector operation: the value, or undefined when a comparison filters it out. */
function elementOp(
  op: BinaryOp,
  l: number,
  r: number,
  keep: number,
  returnBool: boolean,
): number | undefined {
  const value = apply(op, l, r);
  if (!isComparison(op)) return value;
  if (returnBool) return value;
  return value ? keep : undefined;
}

function dropName(labels: Labels): Labels {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

/** A stable key of a label set. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map(key => [key, labels[key]]),
  );
}

function matchingLabels(
  labels: Labels,
  matching?: { on: boolean; labels: string[] },
): Labels {
  if (matching?.on) {
    return Object.fromEntries(
      matching.labels
        .filter(name => name in labels)
        .map(name => [name, labels[name]]),
    );
  }
  const out = dropName(labels);
  for (const name of matching?.labels ?? []) delete out[name];
  return out;
}

function vectorBinary(
  op: BinaryOp,
  lhs: Sample[],
  rhs: Sample[],
  returnBool: boolean,
  matching?: { on: boolean; labels: string[] },
): Sample[] {
  const right = new Map<string, Sample>();
  for (const sample of rhs) {
    const key = labelsKey(matchingLabels(sample.labels, matching));
    if (right.has(key)) {
      throw new PrometheusApiError(
        'execution',
        `found duplicate series for the match group ${key} on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    right.set(key, sample);
  }
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const sample of lhs) {
    const key = labelsKey(matchingLabels(sample.labels, matching));
    const other = right.get(key);
    if (!other) continue;
    if (seen.has(key)) {
      throw new PrometheusApiError(
        'execution',
        'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
      );
    }
    seen.add(key);
    const value = elementOp(
      op,
      sample.value,
      other.value,
      sample.value,
      returnBool,
    );
    if (value === undefined) continue;
    let labels =
      !isComparison(op) || returnBool ? dropName(sample.labels) : sample.labels;
    if (matching?.on) labels = matchingLabels(labels, matching);
    else if (matching) {
      labels = { ...labels };
      for (const name of matching.labels) delete labels[name];
    }
    out.push({ labels, value });
  }
  return out;
}

function aggregate(
  op: 'sum' | 'avg' | 'max' | 'min' | 'count',
  without: boolean,
  grouping: string[],
  samples: Sample[],
): Sample[] {
  const groups = new Map<string, { labels: Labels; values: number[] }>();
  for (const sample of samples) {
    const labels: Labels = {};
    if (without) {
      Object.assign(labels, dropName(sample.labels));
      for (const name of grouping) delete labels[name];
    } else {
      for (const name of grouping) {
        if (sample.labels[name] !== undefined)
          labels[name] = sample.labels[name];
      }
    }
    const key = labelsKey(labels);
    const group = groups.get(key) ?? { labels, values: [] };
    group.values.push(sample.value);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, values }) => ({
    labels,
    value: reduce(op, values),
  }));
}

function reduce(
  op: 'sum' | 'avg' | 'max' | 'min' | 'count',
  values: number[],
): number {
  switch (op) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'count':
      return values.length;
    case 'max':
      return values.reduce((a, b) => (b > a || Number.isNaN(a) ? b : a));
    default:
      return values.reduce((a, b) => (b < a || Number.isNaN(a) ? b : a));
  }
}

function histogramQuantile(phi: number, samples: Sample[]): Sample[] {
  const groups = new Map<
    string,
    { labels: Labels; buckets: HistogramBucket[] }
  >();
  for (const sample of samples) {
    const le = sample.labels.le;
    if (le === undefined) continue;
    const upperBound = le === '+Inf' ? Infinity : Number(le);
    if (Number.isNaN(upperBound)) continue;
    const { le: _le, ...rest } = dropName(sample.labels);
    const key = labelsKey(rest);
    const group = groups.get(key) ?? { labels: rest, buckets: [] };
    group.buckets.push({ upperBound, count: sample.value });
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, buckets }) => ({
    labels,
    value: bucketQuantile(phi, buckets),
  }));
}
