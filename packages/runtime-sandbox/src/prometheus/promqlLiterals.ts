import { badData } from './PrometheusApiError';

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Reads a PromQL string literal (Go quoting: `"..."`, `'...'` with escapes, or raw `` `...` ``). */
export function unquoteString(literal: string): string {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) {
    throw badData(`unterminated quoted string ${literal}`);
  }
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[++i];
    if (next !== undefined && next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = { x: 2, u: 4, U: 8 }[next];
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        throw badData(`invalid escape sequence in ${literal}`);
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else if (next !== undefined && /[0-7]/.test(next)) {
      const octal = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal)) {
        throw badData(`invalid escape sequence in ${literal}`);
      }
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
    } else {
      throw badData(`unknown escape sequence in ${literal}`);
    }
  }
  return out;
}

const DURATION_UNITS: Array<[string, number]> = [
  ['y', 365 * 24 * 3600],
  ['w', 7 * 24 * 3600],
  ['d', 24 * 3600],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
  ['ms', 0.001],
];
const DURATION_PATTERN =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses a Prometheus duration (`5m`, `1h30m`, `250ms`) into seconds; undefined when it is none. */
export function parseDurationSeconds(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  let seconds = 0;
  DURATION_UNITS.forEach(([, factor], index) => {
    const value = match[index + 1];
    if (value !== undefined) seconds += Number(value) * factor;
  });
  return seconds;
}

/** Parses a PromQL number literal (decimal, hex, `Inf`, `NaN`; `_` digit separators). */
export function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const value = Number(text.replace(/_/g, ''));
  if (Number.isNaN(value)) {
    const seconds = parseDurationSeconds(text);
    if (seconds === undefined)
      throw badData(`bad number or duration syntax: "${text}"`);
    return seconds;
  }
  return value;
}
