import { parser } from '@grafana/lezer-traceql';
import {
  YaccGrammar,
  YaccToken,
  readGoString,
} from '../telemetry/yaccSyntaxError';

/**
 * Tempo's tokens in the order of `yyToknames` (grafana/tempo v3.0.3 `pkg/traceql/expr.y.go`), named
 * as its error messages name them: the tokens of `tokenMap` (`lexer.go`) by their text
 * (`parse.go` renames them), the others by their constant, each with a text that reads as it.
 * `IDENTIFIER` and `END_ATTRIBUTE` only occur inside attributes, which the lezer grammar reads as
 * one token, so they are named when unexpected but never offered as expected.
 */
const NAMED: Array<[string, string]> = [
  ['STRING', '"x"'],
  ['INTEGER', '1'],
  ['FLOAT', '1.5'],
  ['DURATION', '1s'],
  ['.', '.x'],
  ['{', '{'],
  ['}', '}'],
  ['(', '('],
  [')', ')'],
  [',', ','],
  ['nil', 'nil'],
  ['true', 'true'],
  ['false', 'false'],
  ['error', 'error'],
  ['ok', 'ok'],
  ['unset', 'unset'],
  ['unspecified', 'unspecified'],
  ['internal', 'internal'],
  ['server', 'server'],
  ['client', 'client'],
  ['producer', 'producer'],
  ['consumer', 'consumer'],
  ['duration', 'duration'],
  ['childCount', 'childCount'],
  ['name', 'name'],
  ['status', 'status'],
  ['statusMessage', 'statusMessage'],
  ['parent', 'parent'],
  ['kind', 'kind'],
  ['rootName', 'rootName'],
  ['rootServiceName', 'rootServiceName'],
  ['rootService', 'rootService'],
  ['traceDuration', 'traceDuration'],
  ['nestedSetLeft', 'nestedSetLeft'],
  ['nestedSetRight', 'nestedSetRight'],
  ['nestedSetParent', 'nestedSetParent'],
  ['id', 'id'],
  ['traceID', 'traceID'],
  ['spanID', 'spanID'],
  ['parentID', 'parentID'],
  ['timeSinceStart', 'timeSinceStart'],
  ['version', 'version'],
  ['parent.', 'parent.x'],
  ['resource.', 'resource.x'],
  ['span.', 'span.x'],
  ['trace:', 'trace:id'],
  ['span:', 'span:id'],
  ['event:', 'event:name'],
  ['event.', 'event.x'],
  ['link:', 'link:traceID'],
  ['link.', 'link.x'],
  ['instrumentation:', 'instrumentation:name'],
  ['instrumentation.', 'instrumentation.x'],
  ['count', 'count'],
  ['avg', 'avg'],
  ['max', 'max'],
  ['min', 'min'],
  ['sum', 'sum'],
  ['by', 'by'],
  ['coalesce', 'coalesce'],
  ['select', 'select'],
  ['rate', 'rate'],
  ['count_over_time', 'count_over_time'],
  ['min_over_time', 'min_over_time'],
  ['max_over_time', 'max_over_time'],
  ['avg_over_time', 'avg_over_time'],
  ['sum_over_time', 'sum_over_time'],
  ['quantile_over_time', 'quantile_over_time'],
  ['histogram_over_time', 'histogram_over_time'],
  ['compare', 'compare'],
  ['topk', 'topk'],
  ['bottomk', 'bottomk'],
  ['with', 'with'],
  ['|', '|'],
  ['&&', '&&'],
  ['||', '||'],
  ['=', '='],
  ['!=', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
  ['!~', '!~'],
  ['=~', '=~'],
  ['>>', '>>'],
  ['<<', '<<'],
  ['~', '~'],
  ['!>', '!>'],
  ['!<', '!<'],
  ['!>>', '!>>'],
  ['!<<', '!<<'],
  ['&>', '&>'],
  ['&<', '&<'],
  ['&>>', '&>>'],
  ['&<<', '&<<'],
  ['&~', '&~'],
  ['+', '+'],
  ['-', '-'],
  ['!', '!'],
  ['*', '*'],
  ['/', '/'],
  ['%', '%'],
  ['^', '^'],
];

const TOKENS: YaccToken[] = NAMED.map(([name, sample]) => ({ name, sample }));
/** The texts of `tokenMap`, longest first, for the lexer's longest-match of operators. */
const TEXT_TOKENS = NAMED.map(([name]) => name)
  .filter(name => !/^[A-Z_]+$/.test(name))
  .sort((a, b) => b.length - a.length);
const DURATION = /^(\d+(\.\d*)?(ns|us|µs|ms|s|m|h))+/;

/** Tempo's lexer (`lexer.go` `Lex`, outside an attribute) on the token `text` starts with. */
function readToken(text: string): { name: string } | { error: string } {
  if (text[0] === '"' || text[0] === '`') return readGoString(text);
  const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text);
  if (number) {
    if (DURATION.test(text)) return { name: 'DURATION' };
    return { name: /[.eE]/.test(number[0]) ? 'FLOAT' : 'INTEGER' };
  }
  const word = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text)?.[0];
  if (word) {
    // `resource.`, `span:` and the other scopes are read with the rune after the word.
    const scoped = word + text.charAt(word.length);
    if (TEXT_TOKENS.includes(scoped)) return { name: scoped };
    return { name: TEXT_TOKENS.includes(word) ? word : 'IDENTIFIER' };
  }
  // Any other rune is an identifier (`Lex` defaults to IDENTIFIER).
  return {
    name: TEXT_TOKENS.find(token => text.startsWith(token)) ?? 'IDENTIFIER',
  };
}

/** TraceQL as Tempo v3.0.3 reads it: Grafana's lezer grammar, Tempo's token names and lexer errors. */
export const TRACEQL_GRAMMAR: YaccGrammar = {
  parser,
  tokens: TOKENS,
  readToken,
};
