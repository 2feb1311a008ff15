import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

/**
 * Bumped when what is cached changes (e.g. the `yaml` package parses differently), so older
 * entries are not used.
 */
const CACHE_LAYOUT = 1;

/**
 * Parses a YAML file of one document of plain data, as `yaml.parse` does, keeping the result as JSON
 * in a per-user directory under the system's temporary directory, keyed by the text's SHA-256: the
 * `yaml` package takes most of a second for cert-manager's 3,700-line ClusterIssuer CRD, and every
 * sandbox process (each Jest test file) needs it, while reading the JSON takes milliseconds. The
 * cache is best effort: a value JSON cannot hold as is (e.g. `.inf`) is not cached, and a missing,
 * unreadable or unwritable entry means parsing the YAML.
 */
export function parseYamlFileCached(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  const entry = cacheEntryOf(text);
  try {
    return JSON.parse(fs.readFileSync(entry, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): parsed below.
  }
  const value = yaml.parse(text);
  if (isPlainJson(value)) {
    try {
      fs.mkdirSync(path.dirname(entry), { recursive: true, mode: 0o700 });
      // Written aside and renamed into place: a concurrent reader never sees half of it.
      const writing = `${entry}.${process.pid}.tmp`;
      fs.writeFileSync(writing, JSON.stringify(value));
      fs.renameSync(writing, entry);
    } catch {
      // Best effort: the next process parses the YAML again.
    }
  }
  return value;
}

/** Where the parsed value of a YAML text is cached. */
export function cacheEntryOf(text: string): string {
  const key = createHash('sha256')
    .update(`v${CACHE_LAYOUT}\0`)
    .update(text)
    .digest('hex');
  return path.join(
    os.tmpdir(),
    `runtime-sandbox-yaml-${process.getuid?.() ?? 'x'}`,
    `${key}.json`,
  );
}

/** Whether JSON keeps a value exactly: null, booleans, strings, finite numbers, arrays, plain objects. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string') return true;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value as object).every(
    ([key, child]) => key !== '__proto__' && isPlainJson(child),
  );
}
