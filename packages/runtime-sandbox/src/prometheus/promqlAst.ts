/** A label matcher of a vector selector. */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  /** Whether a label value (empty when the label is missing) matches. */
  matches(value: string): boolean;
}

/** An instant vector selector, e.g. `up{namespace="x"}` (the metric name is a `__name__` matcher). */
export interface VectorSelectorExpr {
  kind: 'vectorSelector';
  matchers: LabelMatcher[];
}

/** Arithmetic and comparison operators the stand-in evaluates. */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<=';

/** Aggregation operators the stand-in evaluates. */
export type AggregateOp = 'sum' | 'avg' | 'max' | 'min' | 'count';

/** Functions the stand-in evaluates. */
export type FunctionName = 'rate' | 'increase' | 'histogram_quantile';

/** The subset of PromQL the sandbox evaluates, as a tree. */
export type PromqlExpr =
  | { kind: 'number'; value: number }
  | VectorSelectorExpr
  | {
      kind: 'matrixSelector';
      selector: VectorSelectorExpr;
      rangeSeconds: number;
    }
  | { kind: 'call'; func: FunctionName; args: PromqlExpr[] }
  | {
      kind: 'aggregate';
      op: AggregateOp;
      without: boolean;
      grouping: string[];
      expr: PromqlExpr;
    }
  | {
      kind: 'binary';
      op: BinaryOp;
      lhs: PromqlExpr;
      rhs: PromqlExpr;
      returnBool: boolean;
      matching?: { on: boolean; labels: string[] };
    }
  | { kind: 'negate'; expr: PromqlExpr };

/** PromQL's value types. */
export type PromqlType = 'scalar' | 'vector' | 'matrix';
