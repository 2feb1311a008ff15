/**
 * A part of a line template: literal text, one of a few texts, or any run (possibly empty) of the
 * given characters.
 */
export type LinePart =
  | string
  | { anyOf: readonly string[] }
  | { chars: string };

/**
 * What every line of a stream looks like: its parts in order. A stream's templates over-approximate
 * its lines (every line it writes is the text of one of them), so that a line filter none of them
 * can match provably matches no line of the stream.
 */
export type LineTemplate = readonly LinePart[];

/** The characters of `Date#toISOString` (`2025-01-15T12:34:56.789Z`, `+275760-…` far out). */
export const ISO_TIME_CHARS = '0123456789-+:.TZ';
/** The characters of `String(number)`: digits, sign, point, exponent, `NaN` and `Infinity`. */
export const NUMBER_CHARS = '0123456789-+.eINaNfinity';
/** Lowercase hex digits (`hexHash`). */
export const HEX_CHARS = '0123456789abcdef';

/** How a pattern's character compares with a line's, and how both split into characters. */
interface CharComparison {
  split(text: string): string[];
  same(pattern: string, line: string): boolean;
}

/** `String#includes`: UTF-16 code units, exactly. */
const EXACT: CharComparison = {
  split: text => text.split(''),
  same: (pattern, line) => pattern === line,
};

const SYNTAX_CHARACTER = /[\\^$.*+?()[\]{}|/]/g;
const foldedChars = new Map<string, RegExp>();

/** A `(?i)` regex (flags `iu`): code points, equal under the regex's own case folding. */
const FOLDED: CharComparison = {
  split: text => Array.from(text),
  same: (pattern, line) => {
    if (pattern === line) return true;
    let regex = foldedChars.get(pattern);
    if (!regex) {
      regex = new RegExp(
        `^${pattern.replace(SYNTAX_CHARACTER, '\\$&')}$`,
        'iu',
      );
      foldedChars.set(pattern, regex);
    }
    return regex.test(line);
  },
};

/**
 * Whether some line of the template can contain `needle` (case-folded as a `(?i)` regex folds when
 * `ignoreCase`): a substring automaton run over the template, where a run of characters can
 * advance it only through the needle's characters that one of them matches. `false` is a proof
 * that no line of the template contains the needle; `true` may be a false alarm.
 */
export function templateMayContain(
  template: LineTemplate,
  needle: string,
  ignoreCase: boolean,
): boolean {
  const { split, same } = ignoreCase ? FOLDED : EXACT;
  const wanted = split(needle);
  const found = wanted.length;
  if (found === 0) return true;
  /** Which prefixes of the needle the text so far can end with (0 always: a match can start anywhere). */
  let states = new Set<number>([0]);
  const advance = (from: Set<number>, char: string): Set<number> => {
    const next = new Set<number>([0]);
    for (const state of from) {
      // A whole needle read stays read.
      if (state === found) next.add(found);
      else if (same(wanted[state], char)) next.add(state + 1);
    }
    return next;
  };
  const read = (from: Set<number>, text: string): Set<number> => {
    let current = from;
    for (const char of split(text)) current = advance(current, char);
    return current;
  };
  for (const part of template) {
    if (typeof part === 'string') {
      states = read(states, part);
    } else if ('anyOf' in part) {
      const next = new Set<number>();
      for (const text of part.anyOf) {
        for (const state of read(states, text)) next.add(state);
      }
      states = next;
    } else {
      const chars = split(part.chars);
      const next = new Set(states);
      for (let state = 0; state < found; state++) {
        if (next.has(state) && chars.some(c => same(wanted[state], c))) {
          next.add(state + 1);
        }
      }
      states = next;
    }
    if (states.has(found)) return true;
  }
  return false;
}

/** An anchored regex of the template's lines (for tests that lines fit their stream's templates). */
export function templateRegExp(template: LineTemplate): RegExp {
  const escape = (text: string) => text.replace(SYNTAX_CHARACTER, '\\$&');
  const source = template
    .map(part => {
      if (typeof part === 'string') return escape(part);
      if ('anyOf' in part) return `(?:${part.anyOf.map(escape).join('|')})`;
      return `[${part.chars.replace(/[\\\]^-]/g, '\\$&')}]*`;
    })
    .join('');
  return new RegExp(`^${source}$`, 'su');
}
