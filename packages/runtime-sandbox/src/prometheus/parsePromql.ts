import { parser } from '@prometheus-io/lezer-promql';
import { SyntaxNode } from '@lezer/common';
import { badData, unsupported } from './PrometheusApiError';
import {
  AggregateOp,
  BinaryOp,
  FunctionName,
  LabelMatcher,
  PromqlExpr,
  PromqlType,
  VectorSelectorExpr,
} from './promqlAst';
import {
  parseDurationSeconds,
  parseNumber,
  unquoteString,
} from './promqlLiterals';

const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
};
const AGGREGATE_OPS: Record<string, AggregateOp> = {
  Sum: 'sum',
  Avg: 'avg',
  Max: 'max',
  Min: 'min',
  Count: 'count',
};
const FUNCTIONS: Record<string, { name: FunctionName; args: PromqlType[] }> = {
  Rate: { name: 'rate', args: ['matrix'] },
  Increase: { name: 'increase', args: ['matrix'] },
  HistogramQuantile: {
    name: 'histogram_quantile',
    args: ['scalar', 'vector'],
  },
};
const TYPE_NAMES: Record<PromqlType, string> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
};
const COMPARISONS = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);

function position(query: string, offset: number): string {
  const before = query.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function syntaxError(query: string, offset: number) {
  const rest = query.slice(offset).trimStart();
  const call = /([A-Za-z_][A-Za-z0-9_:]*)\s*$/.exec(query.slice(0, offset));
  if (call && rest.startsWith('(')) {
    return badData(
      `${position(
        query,
        call.index,
      )}: parse error: unknown function with name "${call[1]}"`,
    );
  }
  const where = position(query, offset);
  const what = rest
    ? `unexpected character or token "${rest[0]}"`
    : 'unexpected end of input';
  return badData(`${where}: parse error: ${what}`);
}

/** The value type of an expression, for PromQL's type checks. */
export function typeOf(expr: PromqlExpr): PromqlType {
  switch (expr.kind) {
    case 'number':
      return 'scalar';
    case 'matrixSelector':
      return 'matrix';
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar'
        ? 'scalar'
        : 'vector';
    case 'negate':
      return typeOf(expr.expr);
    default:
      return 'vector';
  }
}

class Converter {
  constructor(private readonly query: string) {}

  /** A parse error at the node, worded and positioned as Prometheus words it. */
  private fail(node: SyntaxNode, message: string) {
    return badData(
      `${position(this.query, node.from)}: parse error: ${message}`,
    );
  }

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  private children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      out.push(child);
    }
    return out;
  }

  expr(node: SyntaxNode): PromqlExpr {
    switch (node.name) {
      case 'NumberDurationLiteral':
        try {
          return { kind: 'number', value: parseNumber(this.text(node)) };
        } catch (error) {
          throw this.fail(node, (error as Error).message);
        }
      case 'ParenExpr':
        return this.expr(this.children(node)[0]);
      case 'UnaryExpr':
        return this.unary(node);
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'StringLiteral':
        throw unsupported('string literals as expressions');
      case 'OffsetExpr':
        throw unsupported('the offset modifier');
      case 'SubqueryExpr':
        throw unsupported('subqueries');
      case 'StepInvariantExpr':
        throw unsupported('the @ modifier');
      default:
        throw unsupported(`${node.name} expressions`);
    }
  }

  private unary(node: SyntaxNode): PromqlExpr {
    const [op, operand] = this.children(node);
    const expr = this.expr(operand);
    if (typeOf(expr) === 'matrix') {
      throw this.fail(
        node,
        'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
      );
    }
    if (this.text(op) === '+') return expr;
    return expr.kind === 'number'
      ? { kind: 'number', value: -expr.value }
      : { kind: 'negate', expr };
  }

  private vectorSelector(node: SyntaxNode): VectorSelectorExpr {
    const matchers: LabelMatcher[] = [];
    for (const child of this.children(node)) {
      if (child.name === 'Identifier') {
        matchers.push(labelMatcher('__name__', '=', this.text(child)));
      } else if (child.name === 'LabelMatchers') {
        for (const matcher of this.children(child)) {
          matchers.push(this.labelMatcher(matcher));
        }
      }
    }
    if (!matchers.some(matcher => !matcher.matches(''))) {
      throw this.fail(
        node,
        'vector selector must contain at least one non-empty matcher',
      );
    }
    return { kind: 'vectorSelector', matchers };
  }

  private labelMatcher(node: SyntaxNode): LabelMatcher {
    if (node.name === 'QuotedLabelName') {
      return labelMatcher(
        '__name__',
        '=',
        unquoteString(this.text(node.firstChild ?? node)),
      );
    }
    const [name, op, value] = this.children(node);
    try {
      const labelName =
        name.name === 'QuotedLabelName'
          ? unquoteString(this.text(name.firstChild ?? name))
          : this.text(name);
      return labelMatcher(
        labelName,
        this.text(op) as LabelMatcher['op'],
        unquoteString(this.text(value)),
      );
    } catch (error) {
      throw this.fail(node, (error as Error).message);
    }
  }

  private matrixSelector(node: SyntaxNode): PromqlExpr {
    const [inner, range] = this.children(node);
    const selector = this.expr(inner);
    if (selector.kind !== 'vectorSelector') {
      throw this.fail(node, 'ranges only allowed for vector selectors');
    }
    const literal = this.children(range);
    const rangeSeconds =
      literal.length === 1 &&
      literal[0].name === 'NumberDurationLiteralInDurationContext'
        ? parseDurationSeconds(this.text(literal[0])) ??
          Number(this.text(literal[0]))
        : undefined;
    if (rangeSeconds === undefined || Number.isNaN(rangeSeconds)) {
      throw unsupported('duration expressions');
    }
    if (rangeSeconds <= 0) {
      throw this.fail(
        node,
        `range duration must be positive, got ${this.text(range)}`,
      );
    }
    return { kind: 'matrixSelector', selector, rangeSeconds };
  }

  private call(node: SyntaxNode): PromqlExpr {
    const [identifier, body] = this.children(node);
    const fnNode = identifier.firstChild;
    const name = this.text(identifier);
    const known = fnNode ? FUNCTIONS[fnNode.name] : undefined;
    if (!fnNode) throw this.fail(node, `unknown function with name "${name}"`);
    if (!known) throw unsupported(`the function "${name}"`);
    const args = this.children(body).map(arg => this.expr(arg));
    if (args.length !== known.args.length) {
      throw this.fail(
        node,
        `expected ${known.args.length} argument(s) in call to "${name}", got ${args.length}`,
      );
    }
    args.forEach((arg, index) => {
      const expected = known.args[index];
      const actual = typeOf(arg);
      if (actual !== expected) {
        throw this.fail(
          node,
          `expected type ${TYPE_NAMES[expected]} in call to function "${name}", got ${TYPE_NAMES[actual]}`,
        );
      }
    });
    return { kind: 'call', func: known.name, args };
  }

  private aggregate(node: SyntaxNode): PromqlExpr {
    let op: AggregateOp | undefined;
    let without = false;
    let grouping: string[] = [];
    let args: PromqlExpr[] = [];
    for (const child of this.children(node)) {
      if (child.name === 'AggregateOp') {
        const opName = child.firstChild?.name ?? '';
        op = AGGREGATE_OPS[opName];
        if (!op) throw unsupported(`the aggregation "${this.text(child)}"`);
      } else if (child.name === 'AggregateModifier') {
        const [keyword, labels] = this.children(child);
        without = keyword.name === 'Without';
        grouping = this.groupingLabels(labels);
      } else if (child.name === 'FunctionCallBody') {
        args = this.children(child).map(arg => this.expr(arg));
      }
    }
    if (args.length !== 1) {
      throw this.fail(
        node,
        `wrong number of arguments for aggregate expression provided, expected 1, got ${args.length}`,
      );
    }
    const type = typeOf(args[0]);
    if (type !== 'vector') {
      throw this.fail(
        node,
        `expected type instant vector in aggregation expression, got ${TYPE_NAMES[type]}`,
      );
    }
    return { kind: 'aggregate', op: op!, without, grouping, expr: args[0] };
  }

  private groupingLabels(node: SyntaxNode): string[] {
    return this.children(node).map(label =>
      label.name === 'QuotedLabelName'
        ? unquoteString(this.text(label.firstChild ?? label))
        : this.text(label),
    );
  }

  private binary(node: SyntaxNode): PromqlExpr {
    const children = this.children(node);
    const lhs = this.expr(children[0]);
    const rhs = this.expr(children[children.length - 1]);
    const op = BINARY_OPS[children[1].name];
    if (!op) throw unsupported(`the operator "${this.text(children[1])}"`);
    let returnBool = false;
    let matching: { on: boolean; labels: string[] } | undefined;
    for (const modifier of children.slice(2, -1)) {
      if (modifier.name === 'BoolModifier') returnBool = true;
      else if (modifier.name === 'MatchingModifierClause') {
        const parts = this.children(modifier);
        if (
          parts.some(p => p.name === 'GroupLeft' || p.name === 'GroupRight')
        ) {
          throw unsupported('group_left/group_right');
        }
        matching = {
          on: parts[0].name === 'On',
          labels: this.groupingLabels(parts[1]),
        };
      } else {
        throw unsupported(`the binary modifier "${this.text(modifier)}"`);
      }
    }
    const types = [typeOf(lhs), typeOf(rhs)];
    if (types.includes('matrix')) {
      throw this.fail(
        node,
        'binary expression must contain only scalar and instant vector types',
      );
    }
    const bothScalar = types[0] === 'scalar' && types[1] === 'scalar';
    if (COMPARISONS.has(op) && bothScalar && !returnBool) {
      throw this.fail(
        node,
        'comparisons between scalars must use BOOL modifier',
      );
    }
    if (returnBool && !COMPARISONS.has(op)) {
      throw this.fail(
        node,
        'bool modifier can only be used on comparison operators',
      );
    }
    if (matching && (types[0] === 'scalar' || types[1] === 'scalar')) {
      throw this.fail(
        node,
        'vector matching only allowed between instant vectors',
      );
    }
    return { kind: 'binary', op, lhs, rhs, returnBool, matching };
  }
}

/** Builds a matcher; regular expressions are anchored at both ends, as Prometheus does. */
function labelMatcher(
  name: string,
  op: LabelMatcher['op'],
  value: string,
): LabelMatcher {
  if (op === '=' || op === '!=') {
    return {
      name,
      op,
      value,
      matches: candidate => (candidate === value) === (op === '='),
    };
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${value})$`, 's');
  } catch (error) {
    throw badData(`error parsing regexp: ${(error as Error).message}`);
  }
  return {
    name,
    op,
    value,
    matches: candidate => pattern.test(candidate) === (op === '=~'),
  };
}

/**
 * Parses PromQL with the Prometheus project's own grammar (`@prometheus-io/lezer-promql`) into the
 * subset the sandbox evaluates. Syntax and type errors are `bad_data`, as Prometheus answers them;
 * valid PromQL outside the subset is an `execution` error that says the sandbox does not support it.
 */
export function parsePromql(query: string): PromqlExpr {
  if (query.trim() === '') {
    throw badData('1:1: parse error: no expression found in input');
  }
  const tree = parser.parse(query);
  let failure: SyntaxNode | undefined;
  tree.iterate({
    enter: ref => {
      if (ref.type.isError && !failure) failure = ref.node;
      return !failure;
    },
  });
  if (failure) throw syntaxError(query, failure.from);
  const top = tree.topNode.firstChild;
  if (!top) throw badData('1:1: parse error: no expression found in input');
  return new Converter(query).expr(top);
}
