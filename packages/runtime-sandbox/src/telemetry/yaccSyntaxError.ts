import { SyntaxNode, Tree } from '@lezer/common';
import { LRParser } from '@lezer/lr';
import { unquoteString } from '../prometheus/promqlLiterals';

/** A token of an upstream goyacc grammar: the name its parser prints, and a text its lexer reads as it. */
export interface YaccToken {
  name: string;
  sample: string;
}

/**
 * A query language whose upstream parser is goyacc-generated with verbose errors (Loki's LogQL,
 * Tempo's TraceQL), checked here with the language's lezer grammar.
 */
export interface YaccGrammar {
  parser: LRParser;
  /** The upstream's tokens in declaration order (goyacc's order in "expecting" lists). */
  tokens: readonly YaccToken[];
  /**
   * The upstream lexer's reading of the token that `text` starts with: its name, or a lexer error
   * message (`error`) when the upstream lexer fails there (an unterminated string, for example).
   */
  readToken(text: string): { name: string } | { error: string };
}

/** A syntax error worded and positioned as the upstream's parser words it. */
export interface YaccSyntaxError {
  /** 1-based line and column; both 0 when the upstream reports no position. */
  line: number;
  col: number;
  message: string;
}

/** goyacc names at most this many expected tokens, and none when more could follow (as Bison). */
const MAX_EXPECTED = 4;

/** The first error node of a lezer tree, in document order. */
function firstErrorNode(tree: Tree): SyntaxNode | undefined {
  let failure: SyntaxNode | undefined;
  tree.iterate({
    enter: ref => {
      if (ref.type.isError && !failure) failure = ref.node;
      return !failure;
    },
  });
  return failure;
}

/** The 1-based line and column of an offset in a query, as Go's `text/scanner` counts them. */
export function lineAndColumn(
  text: string,
  offset: number,
): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** Whether the grammar reads the text up to its end without an error (it may be incomplete there). */
function readsToEnd(parser: LRParser, text: string): boolean {
  const failure = firstErrorNode(parser.parse(text));
  return !failure || failure.from >= text.length;
}

/**
 * The first syntax error of a query, found by the language's lezer grammar (the tree's first error
 * node) and worded as goyacc's verbose errors: `syntax error: unexpected X, expecting A or B`. The
 * unexpected token is the upstream lexer's reading of the text at the error; the expected tokens
 * are those of the upstream's tokens that the grammar accepts there, in declaration order, named
 * only when there are at most four. Undefined when the query parses.
 */
export function yaccSyntaxError(
  grammar: YaccGrammar,
  query: string,
): YaccSyntaxError | undefined {
  const failure = firstErrorNode(grammar.parser.parse(query));
  if (!failure) return undefined;
  let offset = failure.from;
  while (offset < query.length && /\s/.test(query[offset])) offset++;
  const rest = query.slice(offset);
  let unexpected = '$end';
  if (rest) {
    const token = grammar.readToken(rest);
    if ('error' in token) {
      return { ...lineAndColumn(query, offset), message: token.error };
    }
    unexpected = token.name;
  }
  // Go's scanner gives no position for the end of an empty input.
  const where = query.trim()
    ? lineAndColumn(query, offset)
    : { line: 0, col: 0 };
  const prefix = query.slice(0, offset);
  const separator = prefix && !/\s$/.test(prefix) ? ' ' : '';
  const expected = grammar.tokens
    .filter(token =>
      readsToEnd(grammar.parser, `${prefix}${separator}${token.sample}`),
    )
    .map(token => token.name);
  const expecting =
    expected.length > 0 && expected.length <= MAX_EXPECTED
      ? `, expecting ${[...new Set(expected)].join(' or ')}`
      : '';
  return {
    ...where,
    message: `syntax error: unexpected ${unexpected}${expecting}`,
  };
}

/**
 * Go's `text/scanner` and `strconv.Unquote` on a string token at the start of `text` (`"..."` with
 * escapes, or raw `` `...` ``), as Loki's and Tempo's lexers read them: `STRING`, or the lexer's
 * error.
 */
export function readGoString(
  text: string,
): { name: string } | { error: string } {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === quote) {
      try {
        unquoteString(text.slice(0, i + 1));
        return { name: 'STRING' };
      } catch {
        return { error: 'invalid syntax' };
      }
    }
    if (quote === '"' && text[i] === '\n') break;
    if (quote === '"' && text[i] === '\\') i++;
  }
  return { error: 'literal not terminated' };
}

/** How Loki and Tempo print a parse error (`ParseError.Error()` in both). */
export function formatParseError(error: YaccSyntaxError): string {
  return error.line === 0 && error.col === 0
    ? `parse error : ${error.message}`
    : `parse error at line ${error.line}, col ${error.col}: ${error.message}`;
}
