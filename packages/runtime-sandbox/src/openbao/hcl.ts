/** A value in the HCL subset that OpenBao policies use. */
export type HclValue = string | number | boolean | HclValue[] | HclBody;

/** One `key = value` attribute or `type "label" { ... }` block. */
type HclEntry =
  | { kind: 'attribute'; key: string; value: HclValue; line: number }
  | {
      kind: 'block';
      type: string;
      labels: string[];
      body: HclBody;
      line: number;
    };

/** The entries of a file or of a block body. */
export interface HclBody {
  entries: HclEntry[];
}

interface Token {
  type: 'ident' | 'string' | 'number' | 'punct';
  text: string;
  line: number;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch) || ch === ',') {
      if (ch === ',') tokens.push({ type: 'punct', text: ',', line });
      i++;
    } else if (ch === '#' || (ch === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`unterminated comment at line ${line}`);
      line += (source.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 2;
    } else if ('{}[]=:'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch, line });
      i++;
    } else if (ch === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n')
          throw new Error(`unterminated string at line ${line}`);
        if (source[i] === '\\') {
          text += ESCAPES[source[i + 1]] ?? source[i + 1];
          i += 2;
        } else {
          text += source[i++];
        }
      }
      if (i >= source.length)
        throw new Error(`unterminated string at line ${line}`);
      i++;
      tokens.push({ type: 'string', text, line });
    } else if (/[0-9-]/.test(ch)) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
      if (!match) throw new Error(`illegal char "${ch}" at line ${line}`);
      tokens.push({ type: 'number', text: match[0], line });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', text: match[0], line });
      i += match[0].length;
    } else {
      throw new Error(`illegal char "${ch}" at line ${line}`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  body(nested: boolean): HclBody {
    const entries: HclEntry[] = [];
    for (;;) {
      const token = this.peek();
      if (!token) {
        if (nested) throw new Error('unexpected end of input, expected "}"');
        return { entries };
      }
      if (nested && token.text === '}' && token.type === 'punct') {
        this.position++;
        return { entries };
      }
      if (token.type === 'punct' && token.text === ',') {
        this.position++;
        continue;
      }
      entries.push(this.entry());
    }
  }

  private entry(): HclEntry {
    const key = this.next();
    if (key.type !== 'ident' && key.type !== 'string') {
      throw new Error(
        `unexpected "${key.text}" at line ${key.line}, expected a key`,
      );
    }
    const after = this.peek();
    if (after?.type === 'punct' && (after.text === '=' || after.text === ':')) {
      this.position++;
      return {
        kind: 'attribute',
        key: key.text,
        value: this.value(),
        line: key.line,
      };
    }
    const labels: string[] = [];
    while (this.peek()?.type === 'string') labels.push(this.next().text);
    const open = this.next();
    if (open.type !== 'punct' || open.text !== '{') {
      throw new Error(
        `unexpected "${open.text}" at line ${open.line}, expected "{" or "="`,
      );
    }
    return {
      kind: 'block',
      type: key.text,
      labels,
      body: this.body(true),
      line: key.line,
    };
  }

  private value(): HclValue {
    const token = this.next();
    if (token.type === 'string') return token.text;
    if (token.type === 'number') return Number(token.text);
    if (
      token.type === 'ident' &&
      (token.text === 'true' || token.text === 'false')
    ) {
      return token.text === 'true';
    }
    if (token.type === 'punct' && token.text === '{') return this.body(true);
    if (token.type === 'punct' && token.text === '[') {
      const items: HclValue[] = [];
      for (;;) {
        const next = this.peek();
        if (!next) throw new Error('unexpected end of input, expected "]"');
        if (next.type === 'punct' && next.text === ']') {
          this.position++;
          return items;
        }
        if (next.type === 'punct' && next.text === ',') {
          this.position++;
          continue;
        }
        items.push(this.value());
      }
    }
    throw new Error(
      `unexpected "${token.text}" at line ${token.line}, expected a value`,
    );
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new Error('unexpected end of input');
    return token;
  }
}

/**
 * Parses the HCL subset that ACL policies are written in: blocks with string labels, attributes,
 * strings, numbers, booleans, lists and `#`, `//` and `/* *\/` comments. Throws with a line number on
 * anything else.
 */
export function parseHcl(source: string): HclBody {
  return new Parser(tokenize(source)).body(false);
}
