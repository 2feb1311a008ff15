import fs from 'node:fs';
import path from 'node:path';

/** The repository's root. */
// Test helper, runs from source only.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

const METHOD_START =
  /^ {2}(private |protected |public )?(static )?(async )?\*?\s*([A-Za-z_]\w*)\s*(<[^\n]*>)?\(/;

/** One method of a class, as written in its source. */
export interface SourceMethod {
  name: string;
  isPrivate: boolean;
  body: string;
}

/**
 * The methods of the (single) class of a TypeScript file, read from its source: each starts at a
 * two-space-indented signature and ends at the next line that is just `  }`.
 */
export function classMethods(file: string): Map<string, SourceMethod> {
  const lines = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  const methods = new Map<string, SourceMethod>();
  for (let i = 0; i < lines.length; i++) {
    const start = METHOD_START.exec(lines[i]);
    if (!start || start[4] === 'constructor') continue;
    const end = lines.findIndex((line, j) => j > i && line === '  }');
    methods.set(start[4], {
      name: start[4],
      isPrivate: Boolean(start[1]?.startsWith('private')),
      body: lines.slice(i, end + 1).join('\n'),
    });
    i = end;
  }
  return methods;
}

/** A method's body and the bodies of the methods of the same class it calls, transitively. */
export function reachableBodies(
  methods: Map<string, SourceMethod>,
  name: string,
  seen = new Set<string>(),
): string[] {
  const method = methods.get(name);
  if (!method || seen.has(name)) return [];
  seen.add(name);
  const called = [...method.body.matchAll(/this\.(\w+)\(/g)].map(m => m[1]);
  return [
    method.body,
    ...called.flatMap(callee => reachableBodies(methods, callee, seen)),
  ];
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return [
        '__testUtils__',
        '__fixtures__',
        'testing',
        'node_modules',
      ].includes(entry.name)
        ? []
        : walk(full);
    }
    return /\.tsx?$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name) &&
      entry.name !== 'setupTests.ts'
      ? [full]
      : [];
  });
}

/**
 * The production source files of the plugins (`plugins/<name>/src`, without tests and test
 * utilities) that mention one of `mentions`, except those under `excludeDirs` (repository-relative).
 */
export function pluginSources(
  mentions: RegExp,
  excludeDirs: string[] = [],
): Array<{ file: string; text: string }> {
  const pluginsDir = path.join(REPO_ROOT, 'plugins');
  return fs
    .readdirSync(pluginsDir)
    .map(plugin => path.join(pluginsDir, plugin, 'src'))
    .filter(dir => fs.existsSync(dir))
    .flatMap(walk)
    .map(full => ({
      file: path.relative(REPO_ROOT, full),
      text: fs.readFileSync(full, 'utf8'),
    }))
    .filter(
      ({ file, text }) =>
        !excludeDirs.some(dir => file.startsWith(`${dir}/`)) &&
        mentions.test(text),
    );
}

/** Which of `names` the given sources call (`.name(`, also on a new line after the receiver). */
export function calledMethods(
  names: Iterable<string>,
  sources: Array<{ text: string }>,
): Set<string> {
  const called = new Set<string>();
  for (const name of names) {
    const call = new RegExp(`\\.\\s*${name}\\s*(<[^>]*>)?\\(`);
    if (sources.some(({ text }) => call.test(text))) called.add(name);
  }
  return called;
}
