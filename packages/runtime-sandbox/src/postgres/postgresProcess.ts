import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PostgresProcessUser } from './dataDirectories';
import { postgresBinaries } from './postgresBinaries';

/** How much of PostgreSQL's own output an error quotes. */
const OUTPUT_TAIL_CHARS = 2_000;
/** How long a fast shutdown may take before the server is killed. */
const STOP_TIMEOUT_MS = 10_000;
/** Messages in English, whatever the machine's locale: readiness is read from them. */
const ENV = { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };

/**
 * Runs `initdb` into `dataDirectory` as `user`: superuser `superuser` with `password`, password
 * (SCRAM-SHA-256) authentication for every connection, UTF-8, no fsync.
 */
export async function initdb(options: {
  dataDirectory: string;
  superuser: string;
  password: string;
  user: PostgresProcessUser;
}): Promise<void> {
  const passwordFile = path.join(
    os.tmpdir(),
    `runtime-sandbox-pg-${randomBytes(6).toString('hex')}`,
  );
  await fs.writeFile(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const child = spawn(
      postgresBinaries().initdb,
      [
        `--pgdata=${options.dataDirectory}`,
        '--auth=scram-sha-256',
        `--username=${options.superuser}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        // A crash loses a sandbox, never data anyone keeps.
        '--no-sync',
        // 1 MB WAL segments instead of 16: each instance copies the cluster, WAL included.
        '--wal-segsize=1',
        '--no-instructions',
      ],
      { ...options.user, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = collect(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) {
      throw new Error(`initdb failed (exit code ${code}): ${output()}`);
    }
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

/** A running `postgres` server process. */
export interface PostgresProcess {
  /** Fast shutdown (SIGINT), killed when it takes longer than 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts `postgres -D dataDirectory -p port` with the given `-c` settings as `user`, resolving once
 * it logs that it accepts connections; failing with its output when it exits first. If this
 * process exits without stopping it, the server is shut down immediately (SIGQUIT) too.
 */
export async function startPostgres(options: {
  dataDirectory: string;
  port: number;
  settings: Record<string, string>;
  user: PostgresProcessUser;
}): Promise<PostgresProcess> {
  const child = spawn(
    postgresBinaries().postgres,
    [
      '-D',
      options.dataDirectory,
      '-p',
      String(options.port),
      ...Object.entries(options.settings).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    { ...options.user, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collect(child);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const orphanGuard = () => child.kill('SIGQUIT');
  process.once('exit', orphanGuard);
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (
          output().includes('database system is ready to accept connections')
        ) {
          child.stderr?.off('data', onData);
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.once('error', reject);
      child.once('exit', code =>
        reject(
          new Error(
            `PostgreSQL exited (code ${code}) before accepting connections: ${output()}`,
          ),
        ),
      );
    });
  } catch (error) {
    process.off('exit', orphanGuard);
    child.kill('SIGKILL');
    throw error;
  }
  return {
    async stop() {
      process.off('exit', orphanGuard);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Keeps the last part of a child's stdout and stderr; gives it as text. */
function collect(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS * 4);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.slice(-OUTPUT_TAIL_CHARS);
}
