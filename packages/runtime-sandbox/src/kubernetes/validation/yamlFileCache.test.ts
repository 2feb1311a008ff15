import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { cacheEntryOf, parseYamlFileCached } from './yamlFileCache';

describe('parseYamlFileCached', () => {
  let dir: string;
  const written: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-cache-test-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const entry of written.splice(0)) fs.rmSync(entry, { force: true });
  });

  /** A YAML file whose text no other test has, and its cache entry. */
  function yamlFile(body: string) {
    const text = `# ${randomBytes(8).toString('hex')}\n${body}`;
    const file = path.join(dir, 'file.yaml');
    fs.writeFileSync(file, text);
    const entry = cacheEntryOf(text);
    written.push(entry);
    return { file, text, entry };
  }

  it('parses as yaml does, then answers the cached JSON for the same text', () => {
    const { file, text, entry } = yamlFile(
      'kind: CustomResourceDefinition\nspec:\n  versions:\n    - name: v1\n      served: true\n      x: &a {n: 1.5, s: "on", b: yes}\n      y: *a\n',
    );
    expect(fs.existsSync(entry)).toBe(false);
    const parsed = parseYamlFileCached(file);
    expect(parsed).toEqual(yaml.parse(text));
    expect(JSON.parse(fs.readFileSync(entry, 'utf8'))).toEqual(parsed);

    fs.writeFileSync(entry, JSON.stringify({ fromCache: true }));
    expect(parseYamlFileCached(file)).toEqual({ fromCache: true });
  });

  it('parses the YAML again when the entry is unreadable', () => {
    const { file, text, entry } = yamlFile('a: [1, 2]\n');
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(entry, '{"a": [1,');
    expect(parseYamlFileCached(file)).toEqual(yaml.parse(text));
    expect(JSON.parse(fs.readFileSync(entry, 'utf8'))).toEqual({ a: [1, 2] });
  });

  it('does not cache what JSON cannot hold', () => {
    const { file, entry } = yamlFile('limit: .inf\n');
    expect(parseYamlFileCached(file)).toEqual({ limit: Infinity });
    expect(fs.existsSync(entry)).toBe(false);
  });
});
