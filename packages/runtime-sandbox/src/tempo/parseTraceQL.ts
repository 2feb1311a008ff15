import { parser } from '@grafana/lezer-traceql';
import { SyntaxNode } from '@lezer/common';
import { goRegExp } from '../http/goRegExp';
import { unquoteString } from '../prometheus/promqlLiterals';
import {
  formatParseError,
  lineAndColumn,
  yaccSyntaxError,
} from '../telemetry/yaccSyntaxError';
import { SimulatedSpan } from './traces';
import { TRACEQL_GRAMMAR } from './traceqlTokens';

/** A TraceQL query Tempo refuses; the message is Tempo's wording. */
export class TraceQLParseError extends Error {}

/** Valid TraceQL outside the subset the sandbox evaluates. */
export class TraceQLUnsupportedError extends Error {
  constructor(construct: string) {
    super(`the sandbox Tempo does not support ${construct}`);
  }
}

/** A comparison of a spanset filter condition. */
type Operator = '=' | '!=' | '=~' | '!~' | '>' | '>=' | '<' | '<=';

/** The static value a condition compares with. */
type Value =
  | { type: 'string'; value: string; regex?: RegExp }
  | { type: 'number'; value: number }
  | { type: 'status'; value: SimulatedSpan['status'] }
  | { type: 'kind'; value: SimulatedSpan['kind'] };

/** One `attribute op value` condition of a spanset filter. */
export interface Condition {
  /** `name`, `status`, `kind`, `duration`, or an attribute as written (`resource.x`, `span.x`, `.x`). */
  attribute: string;
  operator: Operator;
  value: Value;
}

/** A spanset filter `{ c1 && c2 ... }`: a span matches when every condition holds for it. */
export interface SpansetFilter {
  conditions: Condition[];
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DURATION_PART = /(\d+(?:\.\d*)?)(ns|us|µs|ms|s|m|h)/g;
const STATUSES = ['error', 'ok', 'unset'];
const KINDS = [
  'server',
  'client',
  'internal',
  'producer',
  'consumer',
  'unspecified',
];
/** The intrinsics the simulated spans have. */
const INTRINSICS = ['name', 'status', 'kind', 'duration'];
const OPERATORS = ['=', '!=', '=~', '!~', '>', '>=', '<', '<='];

/**
 * Parses a Go duration (`500ms`, `1.5s`, `1m30s`, as `time.ParseDuration` reads them) into
 * milliseconds; undefined if it is not one.
 */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d*)?(ns|us|µs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) {
    ms += Number(amount) * DURATION_UNITS[unit];
  }
  return ms;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    out.push(child);
  }
  return out;
}

class TraceQLReader {
  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  filter(root: SyntaxNode): SpansetFilter {
    const [pipelineExpression, ...more] = children(root);
    const pipeline = children(pipelineExpression ?? root);
    const filter = pipeline.length === 1 ? children(pipeline[0]) : [];
    if (
      more.length > 0 ||
      pipelineExpression?.name !== 'SpansetPipelineExpression' ||
      pipeline[0]?.name !== 'SpansetPipeline' ||
      filter.length !== 1 ||
      filter[0].name !== 'SpansetFilter'
    ) {
      throw new TraceQLUnsupportedError(
        `${this.text(root)} (only one spanset filter)`,
      );
    }
    const [expression] = children(filter[0]);
    return { conditions: expression ? this.conditions(expression) : [] };
  }

  /** The conditions of `c1 && c2 && ...`. */
  private conditions(node: SyntaxNode): Condition[] {
    const parts = children(node);
    if (parts.length === 1 && parts[0].name === 'FieldExpression') {
      return this.conditions(parts[0]); // parenthesised
    }
    if (parts.length === 3 && parts[1].name === 'And') {
      return [...this.conditions(parts[0]), ...this.conditions(parts[2])];
    }
    if (parts.length === 3 && parts[1].name === 'FieldOp') {
      return [this.condition(parts[0], parts[1], parts[2])];
    }
    throw new TraceQLUnsupportedError(
      `the field expression ${this.text(node)} (only conditions joined by &&)`,
    );
  }

  private condition(
    field: SyntaxNode,
    op: SyntaxNode,
    operand: SyntaxNode,
  ): Condition {
    const attribute = this.attribute(field);
    const operator = this.text(op) as Operator;
    if (!OPERATORS.includes(operator)) {
      throw new TraceQLUnsupportedError(`the operator ${operator}`);
    }
    return { attribute, operator, value: this.value(operand, operator) };
  }

  private attribute(node: SyntaxNode): string {
    const field = node.firstChild;
    const text = this.text(node);
    if (field?.name === 'IntrinsicField' && INTRINSICS.includes(text)) {
      return text;
    }
    const scope = field?.firstChild;
    if (
      field?.name === 'AttributeField' &&
      (scope?.name === 'Identifier' ||
        scope?.name === 'Resource' ||
        scope?.name === 'Span') &&
      !text.includes('"')
    ) {
      return text;
    }
    throw new TraceQLUnsupportedError(
      `the field ${text} (only name, status, kind, duration, and resource., span. and . attributes)`,
    );
  }

  private value(node: SyntaxNode, operator: Operator): Value {
    const literal = node.firstChild;
    const token = literal?.firstChild;
    const text = this.text(node);
    if (literal?.name === 'Static' && token?.name === 'String') {
      const value: Value = { type: 'string', value: this.string(token) };
      if (operator === '=~' || operator === '!~') {
        try {
          value.regex = goRegExp(value.value, true);
        } catch (error) {
          throw new TraceQLParseError(
            `invalid TraceQL query: error parsing regexp: ${
              (error as Error).message
            }`,
          );
        }
      }
      return value;
    }
    if (literal?.name === 'Static' && token?.name === 'Duration') {
      return { type: 'number', value: parseDurationMs(text)! };
    }
    if (
      literal?.name === 'Static' &&
      (token?.name === 'Integer' || token?.name === 'Float')
    ) {
      return { type: 'number', value: Number(text) };
    }
    if (literal?.name === 'Static' && STATUSES.includes(text)) {
      return { type: 'status', value: text as SimulatedSpan['status'] };
    }
    if (literal?.name === 'Static' && KINDS.includes(text)) {
      return { type: 'kind', value: text as SimulatedSpan['kind'] };
    }
    throw new TraceQLUnsupportedError(
      `the operand ${text} (only strings, numbers, durations, statuses and kinds)`,
    );
  }

  /** A string token's value; Tempo's lexer fails on a bad escape (`strconv.Unquote`) at the token. */
  private string(node: SyntaxNode): string {
    try {
      return unquoteString(this.text(node));
    } catch {
      const { line, col } = lineAndColumn(this.query, node.from);
      throw new TraceQLParseError(
        `invalid TraceQL query: parse error at line ${line}, col ${col}: invalid syntax`,
      );
    }
  }
}

/**
 * Parses TraceQL with Grafana's grammar (`@grafana/lezer-traceql`) into the subset the sandbox
 * evaluates: one spanset filter `{ ... }` (or `{}`) of conditions joined by `&&`, on `name`,
 * `status`, `kind`, `duration`, resource attributes (`resource.service.name`) and span attributes
 * (`span.http.route`, `.http.response.status_code`). Syntax errors are worded as Tempo's query
 * frontend answers them (`invalid TraceQL query: parse error at line 1, col N: syntax error: ...`,
 * {@link TraceQLParseError}); valid TraceQL outside the subset is a {@link TraceQLUnsupportedError}.
 */
export function parseTraceQL(query: string): SpansetFilter {
  const syntaxError = yaccSyntaxError(TRACEQL_GRAMMAR, query);
  if (syntaxError) {
    throw new TraceQLParseError(
      `invalid TraceQL query: ${formatParseError(syntaxError)}`,
    );
  }
  return new TraceQLReader(query).filter(parser.parse(query).topNode);
}
