import type { Adapter, Model } from 'casbin';

/**
 * Loads Argo CD policy text into a Casbin model as Argo CD's adapter does (`util/rbac` `argocdAdapter`
 * and `loadPolicyLine`): line by line, skipping blank lines and `#` comments, each line a CSV record
 * (quotes allowed, leading spaces trimmed) that is `p` with 5 fields or `g` with 2. Any other line
 * fails the whole load. Read-only: the sandbox never saves policy.
 */
export class PolicyTextAdapter implements Adapter {
  constructor(private readonly texts: string[]) {}

  async loadPolicy(model: Model): Promise<void> {
    for (const text of this.texts) {
      for (const rawLine of text.split('\n')) {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#')) continue;
        const [key, ...rule] = parseCsvRecord(line);
        const valid =
          (key === 'p' && rule.length === 5) ||
          (key === 'g' && rule.length === 2);
        if (!valid) throw new Error(`invalid RBAC policy: ${line}`);
        model.addPolicy(key, key, rule);
      }
    }
  }

  async savePolicy(): Promise<boolean> {
    throw new Error('not implemented');
  }

  async addPolicy(): Promise<void> {
    throw new Error('not implemented');
  }

  async removePolicy(): Promise<void> {
    throw new Error('not implemented');
  }

  async removeFilteredPolicy(): Promise<void> {
    throw new Error('not implemented');
  }
}

/**
 * One CSV record as Go's `encoding/csv` reads it with `TrimLeadingSpace`: comma-separated fields,
 * leading white space dropped, a field starting with `"` quoted up to its closing quote (`""` for a
 * quote). Throws on a malformed quoted field.
 */
function parseCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    let field = '';
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) throw new Error(`unclosed quote: ${line}`);
        if (line[i] === '"') {
          if (line[i + 1] !== '"') break;
          i += 1;
        }
        field += line[i];
        i += 1;
      }
      i += 1;
      if (i < line.length && line[i] !== ',') {
        throw new Error(`extraneous text after a quoted field: ${line}`);
      }
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end === -1 ? line.length : end);
      if (field.includes('"')) throw new Error(`bare quote in field: ${line}`);
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i += 1;
  }
}
