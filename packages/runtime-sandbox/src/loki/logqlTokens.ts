import { parser } from '@grafana/lezer-logql';
import {
  YaccGrammar,
  YaccToken,
  readGoString,
} from '../telemetry/yaccSyntaxError';

/**
 * Loki's tokens in the order of `syntaxToknames` (grafana/loki v3.7.6
 * `pkg/logql/syntax/syntax.y.go`), named as its error messages name them: the tokens of `tokens`
 * in `lex.go` by their text (`parser.go` renames them), the others by their constant. Tokens the
 * lexer never returns (`MATCHERS`, `LABELS`, `FUNCTION_FLAG`, `OPEN_BRACKET`: `[` always starts a
 * `RANGE`) are left out.
 */
const NAMED: Array<[string, string]> = [
  ['BYTES', '1KB'],
  ['IDENTIFIER', 'x'],
  ['STRING', '"x"'],
  ['NUMBER', '1'],
  ['DURATION', '1s'],
  ['RANGE', '[1s]'],
  ['=', '='],
  ['=~', '=~'],
  ['!~', '!~'],
  ['!>', '!>'],
  ['{', '{'],
  ['}', '}'],
  [']', ']'],
  [',', ','],
  ['.', '.'],
  ['|~', '|~'],
  ['|=', '|='],
  ['|>', '|>'],
  ['(', '('],
  [')', ')'],
  ['by', 'by'],
  ['without', 'without'],
  ['COUNT_OVER_TIME', 'count_over_time('],
  ['RATE', 'rate('],
  ['RATE_COUNTER', 'rate_counter('],
  ['SUM', 'sum('],
  ['SORT', 'sort('],
  ['SORT_DESC', 'sort_desc('],
  ['AVG', 'avg('],
  ['MAX', 'max('],
  ['MIN', 'min('],
  ['COUNT', 'count('],
  ['STDDEV', 'stddev('],
  ['STDVAR', 'stdvar('],
  ['BOTTOMK', 'bottomk('],
  ['TOPK', 'topk('],
  ['APPROX_TOPK', 'approx_topk('],
  ['BYTES_OVER_TIME', 'bytes_over_time('],
  ['BYTES_RATE', 'bytes_rate('],
  ['bool', 'bool'],
  ['json', 'json'],
  ['regexp', 'regexp'],
  ['logfmt', 'logfmt'],
  ['|', '|'],
  ['line_format', 'line_format'],
  ['label_format', 'label_format'],
  ['unwrap', 'unwrap'],
  ['AVG_OVER_TIME', 'avg_over_time('],
  ['SUM_OVER_TIME', 'sum_over_time('],
  ['MIN_OVER_TIME', 'min_over_time('],
  ['MAX_OVER_TIME', 'max_over_time('],
  ['STDVAR_OVER_TIME', 'stdvar_over_time('],
  ['STDDEV_OVER_TIME', 'stddev_over_time('],
  ['QUANTILE_OVER_TIME', 'quantile_over_time('],
  ['BYTES_CONV', 'bytes('],
  ['DURATION_CONV', 'duration('],
  ['DURATION_SECONDS_CONV', 'duration_seconds('],
  ['FIRST_OVER_TIME', 'first_over_time('],
  ['LAST_OVER_TIME', 'last_over_time('],
  ['ABSENT_OVER_TIME', 'absent_over_time('],
  ['VECTOR', 'vector('],
  ['label_replace', 'label_replace('],
  ['unpack', 'unpack'],
  ['offset', 'offset'],
  ['pattern', 'pattern'],
  ['ip', 'ip('],
  ['on', 'on'],
  ['ignoring', 'ignoring'],
  ['group_left', 'group_left'],
  ['group_right', 'group_right'],
  ['decolorize', 'decolorize'],
  ['drop', 'drop'],
  ['keep', 'keep'],
  ['variants', 'variants'],
  ['of', 'of'],
  ['or', 'or'],
  ['and', 'and'],
  ['unless', 'unless'],
  ['==', '=='],
  ['!=', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
  ['%', '%'],
  ['^', '^'],
];

const TOKENS: YaccToken[] = NAMED.map(([name, sample]) => ({ name, sample }));

/** Words `lex.go` reads as function tokens when a `(` (or `by`/`without`) follows, by their constant. */
const FUNCTION_WORDS = new Map(
  NAMED.filter(([, sample]) => sample.endsWith('(')).map(([name, sample]) => [
    sample.slice(0, -1),
    name,
  ]),
);
/** The texts `lex.go`'s `tokens` map reads, longest first (two-rune operators before one-rune ones). */
const TEXT_TOKENS = NAMED.map(([name]) => name)
  .filter(name => !/^[A-Z_]+$/.test(name))
  .sort((a, b) => b.length - a.length);

/** Loki's lexer (`lex.go` `Lex`) on the token `text` starts with. */
function readToken(text: string): { name: string } | { error: string } {
  if (text[0] === '"' || text[0] === '`') return readGoString(text);
  if (text[0] === '[') {
    return text.includes(']')
      ? { name: 'RANGE' }
      : { error: "missing closing ']' in duration" };
  }
  const number = /^\d+(\.\d+)?([a-zA-Zµ]*)/.exec(text);
  if (number) {
    if (/^(ns|us|µs|ms|s|m|h|d|w|y)+$/.test(number[2])) {
      return { name: 'DURATION' };
    }
    return /^[kKMGTP]?i?B$/.test(number[2])
      ? { name: 'BYTES' }
      : { name: 'NUMBER' };
  }
  const word = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text)?.[0];
  if (word) {
    const lower = word.toLowerCase();
    const functionName = FUNCTION_WORDS.get(lower);
    const after = text.slice(word.length).trimStart();
    if (functionName) {
      // A function word is an identifier unless a call follows (`isFunction`).
      return after.startsWith('(') || /^(by|without)\s*\(/i.test(after)
        ? { name: functionName }
        : { name: 'IDENTIFIER' };
    }
    return TEXT_TOKENS.includes(lower)
      ? { name: lower }
      : { name: 'IDENTIFIER' };
  }
  const operator = TEXT_TOKENS.find(token => text.startsWith(token));
  // Any other rune is read as an identifier (`lex.go` falls through to IDENTIFIER).
  return { name: operator ?? 'IDENTIFIER' };
}

/** LogQL as Loki v3.7.6 reads it: Grafana's lezer grammar, Loki's token names and lexer errors. */
export const LOGQL_GRAMMAR: YaccGrammar = { parser, tokens: TOKENS, readToken };
