import { LineFilter } from './logql';

/** What a line must contain to pass a line filter: one of the needles (case-folded when `ignoreCase`). */
export interface FilterNeedles {
  needles: string[];
  ignoreCase: boolean;
}

/** Alternations expand to at most this many needles; a larger one is not analysed. */
const MAX_NEEDLES = 64;

/** Characters that stand for themselves in a regex (flags `u`, outside a class). */
const PLAIN = /[A-Za-z0-9 _\-:=,"'<>!@#%&~`;]/;
/** Characters a backslash makes literal in a `u` regex. */
const ESCAPED = /[\\^$.*+?()[\]{}|/]/;

/**
 * Reads the literal alternatives of a regex made of literal characters, groups and `|` only (such
 * as `(error|exception|fatal)`); anything else (classes, `.`, quantifiers, anchors, flag groups,
 * escapes other than escaped punctuation) reads as undefined.
 */
class LiteralAlternatives {
  private at = 0;

  constructor(private readonly source: string) {}

  read(): string[] | undefined {
    const result = this.alternation();
    return result && this.at === this.source.length ? result : undefined;
  }

  private alternation(): string[] | undefined {
    const options: string[] = [];
    for (;;) {
      const sequence = this.concatenation();
      if (!sequence) return undefined;
      options.push(...sequence);
      if (options.length > MAX_NEEDLES) return undefined;
      if (this.source[this.at] !== '|') return options;
      this.at++;
    }
  }

  private concatenation(): string[] | undefined {
    let texts = [''];
    while (
      this.at < this.source.length &&
      this.source[this.at] !== '|' &&
      this.source[this.at] !== ')'
    ) {
      const atom = this.atom();
      if (!atom) return undefined;
      texts = texts.flatMap(text => atom.map(option => text + option));
      if (texts.length > MAX_NEEDLES) return undefined;
    }
    return texts;
  }

  private atom(): string[] | undefined {
    const char = this.source[this.at];
    if (char === '(') {
      this.at += this.source.startsWith('(?:', this.at) ? 3 : 1;
      if (this.source[this.at] === '?') return undefined;
      const inner = this.alternation();
      if (!inner || this.source[this.at] !== ')') return undefined;
      this.at++;
      return inner;
    }
    if (char === '\\') {
      const escaped = this.source[this.at + 1];
      if (escaped === undefined || !ESCAPED.test(escaped)) return undefined;
      this.at += 2;
      return [escaped];
    }
    if (!PLAIN.test(char)) return undefined;
    this.at++;
    return [char];
  }
}

/**
 * What a line must contain to pass a `|=` or `|~` filter, when that is a fixed set of texts: the
 * `|=` text, or the alternatives of a `|~` regex of literal alternatives (`(?i)(error|fatal)`).
 * Undefined when the filter cannot be reduced so (negations, other regexes): then it proves nothing.
 */
export function filterNeedles(filter: LineFilter): FilterNeedles | undefined {
  if (filter.type === '|=') {
    return { needles: [filter.value], ignoreCase: false };
  }
  if (filter.type !== '|~' || !filter.regex) return undefined;
  const { flags, source } = filter.regex;
  // `s` and `m` change only `.`, `^` and `$`, which literal alternatives do not have.
  if (!/^[imsu]*$/.test(flags) || !flags.includes('u')) return undefined;
  const needles = new LiteralAlternatives(source).read();
  return needles && { needles, ignoreCase: flags.includes('i') };
}
