import { parser } from '@grafana/lezer-logql';
import { SyntaxNode } from '@lezer/common';
import { goRegExp } from '../http/goRegExp';
import { LabelMatcher, matchesLabelValue } from '../http/labelMatcher';
import { unquoteString } from '../prometheus/promqlLiterals';
import {
  formatParseError,
  lineAndColumn,
  yaccSyntaxError,
} from '../telemetry/yaccSyntaxError';
import { LOGQL_GRAMMAR } from './logqlTokens';

/** A label matcher of a LogQL stream selector. */
type StreamMatcher = LabelMatcher;

/** A LogQL line filter. */
export interface LineFilter {
  type: '|=' | '!=' | '|~' | '!~';
  value: string;
  regex?: RegExp;
}

/** A parsed log query: which streams and which lines of them. */
export interface LogQuery {
  matchers: StreamMatcher[];
  filters: LineFilter[];
}

/** A query Loki cannot parse; the message is Loki's own wording. */
export class LogQLParseError extends Error {}

/** Valid LogQL outside the subset the sandbox evaluates. */
export class LogQLUnsupportedError extends Error {
  constructor(construct: string) {
    super(`the sandbox Loki does not support ${construct}`);
  }
}

const MATCH_TYPES: Record<string, StreamMatcher['type']> = {
  Eq: '=',
  Neq: '!=',
  Re: '=~',
  Nre: '!~',
};
const FILTER_TYPES: Record<string, LineFilter['type']> = {
  PipeExact: '|=',
  Neq: '!=',
  PipeMatch: '|~',
  Nre: '!~',
};
/** What the pipeline stages after a `|` are, for the unsupported-construct message. */
const STAGE_NAMES: Record<string, string> = {
  LabelParser: 'label parsers',
  LogfmtParser: 'label parsers',
  JsonExpressionParser: 'label parsers',
  LogfmtExpressionParser: 'label parsers',
  LabelFilter: 'label filters',
  LineFormatExpr: 'line_format',
  LabelFormatExpr: 'label_format',
  DecolorizeExpr: 'decolorize',
  DropLabelsExpr: 'drop',
  KeepLabelsExpr: 'keep',
};

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    out.push(child);
  }
  return out;
}

/** The nodes named `name` under `node` (left-recursive lists such as `Matchers`), in order. */
function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  return children(node).flatMap(child =>
    child.name === name ? [child] : descendants(child, name),
  );
}

class LogQueryReader {
  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  /** A string token's value; Loki's lexer fails on a bad escape (`strutil.Unquote`) at the token. */
  private string(node: SyntaxNode): string {
    try {
      return unquoteString(this.text(node));
    } catch {
      const { line, col } = lineAndColumn(this.query, node.from);
      throw new LogQLParseError(
        `parse error at line ${line}, col ${col}: invalid syntax`,
      );
    }
  }

  /** A regular expression; Loki's `labels.NewMatcher` fails without a position. */
  private regex(source: string, anchored: boolean): RegExp {
    try {
      return goRegExp(source, anchored);
    } catch (error) {
      throw new LogQLParseError(
        `parse error : error parsing regexp: ${(error as Error).message}`,
      );
    }
  }

  logQuery(expr: SyntaxNode): LogQuery {
    const [logExpr] = children(expr);
    if (logExpr?.name !== 'LogExpr') {
      throw new LogQLUnsupportedError('metric queries');
    }
    const [selector, pipeline, ...rest] = children(logExpr);
    if (selector?.name !== 'Selector' || rest.length > 0) {
      throw new LogQLUnsupportedError(`the log query ${this.text(logExpr)}`);
    }
    const matchers = descendants(selector, 'Matcher').map(node =>
      this.matcher(node),
    );
    const filters = pipeline ? this.pipeline(pipeline) : [];
    return { matchers, filters };
  }

  private matcher(node: SyntaxNode): StreamMatcher {
    const [name, op, value] = children(node);
    const matcher: StreamMatcher = {
      name: this.text(name),
      type: MATCH_TYPES[op.name],
      value: this.string(value),
    };
    if (matcher.type === '=~' || matcher.type === '!~') {
      matcher.regex = this.regex(matcher.value, true);
    }
    return matcher;
  }

  private pipeline(node: SyntaxNode): LineFilter[] {
    return descendants(node, 'PipelineStage').flatMap(stage => {
      const [first, second] = children(stage);
      if (first.name !== 'LineFilters') {
        const what = second ? STAGE_NAMES[second.name] : undefined;
        throw new LogQLUnsupportedError(
          what ?? `the pipeline stage ${this.text(stage)}`,
        );
      }
      return descendants(first, 'LineFilter').map(filter =>
        this.lineFilter(filter),
      );
    });
  }

  private lineFilter(node: SyntaxNode): LineFilter {
    const [filter, value, ...rest] = children(node);
    const type = FILTER_TYPES[filter.firstChild?.name ?? ''];
    if (!type) {
      throw new LogQLUnsupportedError(
        `the line filter ${this.text(filter)} (patterns)`,
      );
    }
    if (value?.name !== 'String' || rest.length > 0) {
      throw new LogQLUnsupportedError(
        `the line filter ${this.text(node)} (only ${type} "text")`,
      );
    }
    const lineFilter: LineFilter = { type, value: this.string(value) };
    if (type === '|~' || type === '!~') {
      // Loki compiles line filter regexes when it builds the pipeline; the sandbox checks them here.
      lineFilter.regex = this.regex(lineFilter.value, false);
    }
    return lineFilter;
  }
}

/**
 * Parses LogQL with Grafana's grammar (`@grafana/lezer-logql`) into the subset the sandbox
 * evaluates: a stream selector `{name="v", name=~"re", ...}` (`=`, `!=`, `=~`, `!~`; label regexes
 * anchored) followed by line filters `|= "text"`, `!= "text"`, `|~ "re"`, `!~ "re"`. Syntax errors
 * are worded as Loki's parser words them (`parse error at line 1, col N: syntax error: ...`,
 * {@link LogQLParseError}); valid LogQL outside the subset is a {@link LogQLUnsupportedError}.
 */
export function parseLogQuery(query: string): LogQuery {
  const syntaxError = yaccSyntaxError(LOGQL_GRAMMAR, query);
  if (syntaxError) throw new LogQLParseError(formatParseError(syntaxError));
  const expr = parser.parse(query).topNode.firstChild!;
  const parsed = new LogQueryReader(query).logQuery(expr);
  if (parsed.matchers.every(m => matchesLabelValue(m, ''))) {
    throw new LogQLParseError(
      'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    );
  }
  return parsed;
}

/** Whether a stream's labels pass the selector. */
export function selectsStream(
  query: LogQuery,
  labels: Record<string, string>,
): boolean {
  return query.matchers.every(m => matchesLabelValue(m, labels[m.name] ?? ''));
}

/** Whether a line passes every line filter. */
export function passesLineFilters(query: LogQuery, line: string): boolean {
  return query.filters.every(filter => {
    switch (filter.type) {
      case '|=':
        return line.includes(filter.value);
      case '!=':
        return !line.includes(filter.value);
      case '|~':
        return filter.regex!.test(line);
      default:
        return !filter.regex!.test(line);
    }
  });
}
