const cache = new Map<string, RegExp | null>();

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const escapeInClass = (c: string) => (c === '-' ? '\\-' : escapeRegExp(c));

/** Translates a glob into the source of an equivalent regular expression; throws if it is malformed. */
class GlobParser {
  private i = 0;
  private readonly chars: string[];

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  parse(): string {
    const source = this.sequence(false);
    if (this.i < this.chars.length) throw new Error('unexpected character');
    return source;
  }

  /** Pattern text up to its end, or inside `{}` up to the next `,` or `}`. */
  private sequence(inAlternatives: boolean): string {
    let source = '';
    while (this.i < this.chars.length) {
      const c = this.chars[this.i];
      if (inAlternatives && (c === ',' || c === '}')) break;
      this.i += 1;
      if (c === '*') source += '[^]*';
      else if (c === '?') source += '[^]';
      else if (c === '\\') source += escapeRegExp(this.next());
      else if (c === '[') source += this.characterClass();
      else if (c === '{') source += this.alternatives();
      else source += escapeRegExp(c);
    }
    return source;
  }

  private alternatives(): string {
    const options: string[] = [];
    for (;;) {
      options.push(this.sequence(true));
      if (this.next() === '}') return `(?:${options.join('|')})`;
    }
  }

  private characterClass(): string {
    let negated = false;
    if (this.chars[this.i] === '!') {
      negated = true;
      this.i += 1;
    }
    let items = '';
    for (;;) {
      let c = this.next();
      if (c === ']' && items !== '') break;
      if (c === '\\') c = this.next();
      if (this.chars[this.i] === '-' && this.chars[this.i + 1] !== ']') {
        this.i += 1;
        let to = this.next();
        if (to === '\\') to = this.next();
        if (to < c) throw new Error('invalid range');
        items += `${escapeInClass(c)}-${escapeInClass(to)}`;
      } else {
        items += escapeInClass(c);
      }
    }
    return `[${negated ? '^' : ''}${items}]`;
  }

  /** The next character; throws at the end of the pattern (something is unclosed). */
  private next(): string {
    if (this.i >= this.chars.length) throw new Error('unexpected end');
    const c = this.chars[this.i];
    this.i += 1;
    return c;
  }
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(`^${new GlobParser(pattern).parse()}$`, 'u');
  } catch {
    return null;
  }
}

/**
 * Argo CD's glob match (`util/glob.Match`, gobwas/glob without separators), as its RBAC (`glob`
 * match mode) and its AppProjects' source and destination checks use it: `*` matches any run of
 * characters (`/` included), `?` one character, `[abc]`, `[a-z]` and `[!abc]` one of (or none of)
 * a set, `{a,b}` one of the alternatives (which may hold patterns themselves), `\` escapes the next
 * character. A pattern that does not compile (an unclosed `[` or `{`) matches nothing, as Argo CD's.
 */
export function globMatch(pattern: string, text: string): boolean {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled !== null && compiled.test(text);
}
