import { goRegExp } from '../http/goRegExp';
import { LabelMatcher, matchesLabelValue } from '../http/labelMatcher';

/** A label matcher of a LogQL stream selector. */
export type StreamMatcher = LabelMatcher;

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

type Token = {
  kind: 'punct' | 'op' | 'ident' | 'string';
  text: string;
  value: string;
  col: number;
};

const OPERATORS = ['|=', '|~', '!=', '!~', '=~', '='];

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (col: number, message: string) =>
    new LogQLParseError(`parse error at line 1, col ${col}: ${message}`);
  while (i < query.length) {
    const char = query[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const col = i + 1;
    if ('{},'.includes(char)) {
      tokens.push({ kind: 'punct', text: char, value: char, col });
      i++;
      continue;
    }
    const at = i;
    const op = OPERATORS.find(o => query.startsWith(o, at));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, col });
      i += op.length;
      continue;
    }
    if (char === '|') {
      tokens.push({ kind: 'op', text: '|', value: '|', col });
      i++;
      continue;
    }
    if (/[a-zA-Z_]/.test(char)) {
      const ident = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(query.slice(i))![0];
      tokens.push({ kind: 'ident', text: ident, value: ident, col });
      i += ident.length;
      continue;
    }
    if (char === '`') {
      const end = query.indexOf('`', i + 1);
      if (end < 0) throw fail(col, 'literal not terminated');
      tokens.push({
        kind: 'string',
        text: query.slice(i, end + 1),
        value: query.slice(i + 1, end),
        col,
      });
      i = end + 1;
      continue;
    }
    if (char === '"') {
      let end = i + 1;
      while (end < query.length && query[end] !== '"') {
        end += query[end] === '\\' ? 2 : 1;
      }
      if (end >= query.length) throw fail(col, 'literal not terminated');
      const text = query.slice(i, end + 1);
      let value: string;
      try {
        value = JSON.parse(text);
      } catch {
        throw fail(col, `invalid syntax in string ${text}`);
      }
      tokens.push({ kind: 'string', text, value, col });
      i = end + 1;
      continue;
    }
    throw fail(
      col,
      `syntax error: unexpected character ${JSON.stringify(char)}`,
    );
  }
  return tokens;
}

function compile(source: string, anchored: boolean, col: number): RegExp {
  try {
    return goRegExp(source, anchored);
  } catch (error) {
    throw new LogQLParseError(
      `parse error at line 1, col ${col}: error parsing regexp: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Parses the LogQL subset the sandbox serves: a stream selector `{name="v", name=~"re", ...}` (with
 * `=`, `!=`, `=~`, `!~`; label regexes anchored) followed by line filters `|= "text"`, `!= "text"`,
 * `|~ "re"`, `!~ "re"`. Errors carry Loki's `parse error at line 1, col N: ...` wording.
 */
export function parseLogQuery(query: string): LogQuery {
  const tokens = tokenize(query);
  let position = 0;
  const endCol = query.length + 1;
  const unexpected = (token: Token | undefined, expecting: string) =>
    new LogQLParseError(
      `parse error at line 1, col ${
        token?.col ?? endCol
      }: syntax error: unexpected ${
        token ? token.text : '$end'
      }, expecting ${expecting}`,
    );
  const next = () => tokens[position++];

  const open = next();
  if (open?.text !== '{') throw unexpected(open, '{');
  const matchers: StreamMatcher[] = [];
  for (;;) {
    const name = next();
    if (name?.kind !== 'ident') throw unexpected(name, 'IDENTIFIER');
    const op = next();
    if (op?.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text)) {
      throw unexpected(op, '= or != or =~ or !~');
    }
    const value = next();
    if (value?.kind !== 'string') throw unexpected(value, 'STRING');
    const matcher: StreamMatcher = {
      name: name.value,
      type: op.text as StreamMatcher['type'],
      value: value.value,
    };
    if (op.text === '=~' || op.text === '!~') {
      matcher.regex = compile(value.value, true, value.col);
    }
    matchers.push(matcher);
    const separator = next();
    if (separator?.text === '}') break;
    if (separator?.text !== ',') throw unexpected(separator, '} or ,');
  }
  if (matchers.every(m => matchesLabelValue(m, ''))) {
    throw new LogQLParseError(
      'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    );
  }

  const filters: LineFilter[] = [];
  while (position < tokens.length) {
    const op = next();
    if (op.kind !== 'op' || !['|=', '!=', '|~', '!~'].includes(op.text)) {
      throw unexpected(op, '|= or != or |~ or !~');
    }
    const value = next();
    if (value?.kind !== 'string') throw unexpected(value, 'STRING');
    const filter: LineFilter = {
      type: op.text as LineFilter['type'],
      value: value.value,
    };
    if (op.text === '|~' || op.text === '!~') {
      filter.regex = compile(value.value, false, value.col);
    }
    filters.push(filter);
  }
  return { matchers, filters };
}

/** Whether one stream matcher accepts a label value (absent labels are the empty value). */
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
