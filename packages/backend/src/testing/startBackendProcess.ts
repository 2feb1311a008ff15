import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// Test helper, runs from source only.
// eslint-disable-next-line no-restricted-syntax
const BACKEND_DIR = path.resolve(__dirname, '../..');
/** The repository's root directory. */
export const REPO_ROOT = path.resolve(BACKEND_DIR, '../..');

/** A backend started as its own process, the way `yarn start` runs it. */
export interface BackendProcess {
  baseUrl: string;
  /** Every log line so far, without colour codes. */
  logs(): string[];
  /** Log lines at error level. */
  errorLines(): string[];
  /** Stops the backend as a deployment does (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Kills the backend at once (SIGKILL), as a crash or an evicted pod would. */
  kill(): Promise<void>;
}

/**
 * Starts packages/backend with the given config files (relative to the repository root) and
 * environment, and resolves once all plugins have initialised and the server listens.
 */
export async function startBackendProcess(options: {
  configs: string[];
  env?: Record<string, string>;
  port: number;
  timeoutMs?: number;
}): Promise<BackendProcess> {
  const baseUrl = `http://localhost:${options.port}`;
  const args = [
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    ...options.configs.flatMap(c => ['--config', path.resolve(REPO_ROOT, c)]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: BACKEND_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.resolve(REPO_ROOT, 'tsconfig.json'),
      APP_CONFIG_backend_listen_port: String(options.port),
      APP_CONFIG_backend_baseUrl: baseUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(
      ...stripVTControlCharacters(chunk.toString('utf8'))
        .split('\n')
        .filter(Boolean),
    );
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const backend: BackendProcess = {
    baseUrl,
    logs: () => lines,
    errorLines: () => lines.filter(isErrorLine),
    stop: () => stopProcess(child),
    kill: () => killProcess(child),
  };

  try {
    await waitFor(
      () => lines.some(l => l.includes('Plugin initialization complete')),
      child,
      options.timeoutMs ?? 120_000,
      lines,
    );
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

/** A log line at error level, in the development (text) or production (JSON) format. */
function isErrorLine(line: string): boolean {
  if (line.startsWith('{')) {
    try {
      return JSON.parse(line).level === 'error';
    } catch {
      return false;
    }
  }
  return /^\S+ \S+ error /.test(line);
}

async function waitFor(
  done: () => boolean,
  child: ChildProcess,
  timeoutMs: number,
  lines: string[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    const fatal = lines.find(
      l =>
        isErrorLine(l) && /Unhandled|startup failed|failed to start/i.test(l),
    );
    if (fatal) {
      throw new Error(`Backend failed to start: ${fatal}`);
    }
    if (child.exitCode !== null) {
      throw new Error(
        `Backend exited with ${child.exitCode}:\n${lines
          .slice(-40)
          .join('\n')}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Backend did not start within ${timeoutMs} ms:\n${lines
          .slice(-40)
          .join('\n')}`,
      );
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A guest user's Backstage token, from the guest auth provider. */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in failed: ${response.status}`);
  const body = await response.json();
  return body.backstageIdentity.token;
}
