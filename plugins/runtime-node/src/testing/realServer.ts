import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real server binary started for a test. */
export interface RealServer {
  url: string;
  /** Stops the process and removes its temporary directory. */
  stop(): Promise<void>;
}

/** How to start one of Debian's server binaries for a test. */
export interface RealServerOptions {
  /** Its name in messages, e.g. `Prometheus`. */
  name: string;
  binary: string;
  /** The Debian package that installs it, and the environment variable that overrides the path. */
  debianPackage: string;
  binaryEnv: string;
  /** Config file name and text, written to the temporary directory. */
  config: { file: string; text: string };
  /** More files beside the config (e.g. rule files), by name. */
  extraFiles?: Record<string, string>;
  /** Command-line arguments, given the config path, data directory and port. */
  args(paths: { config: string; data: string; port: number }): string[];
  readyTimeoutMs: number;
}

/**
 * Starts a server binary on a free local port with its config and data in a temporary directory, and
 * waits until `/-/ready` answers. Fails with a clear message when the binary is not installed.
 */
export async function startRealServer(
  options: RealServerOptions,
): Promise<RealServer> {
  if (!existsSync(options.binary)) {
    throw new Error(
      `${options.name} is not installed at ${options.binary}: install Debian's ${options.debianPackage} package (or set ${options.binaryEnv}) to run this test`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), `${options.name.toLowerCase()}-`));
  const config = join(dir, options.config.file);
  writeFileSync(config, options.config.text);
  for (const [file, text] of Object.entries(options.extraFiles ?? {})) {
    writeFileSync(join(dir, file), text);
  }
  const port = await freePort();
  const child = spawn(
    options.binary,
    options.args({ config, data: join(dir, 'data'), port }),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(
      options.name,
      url,
      child,
      () => output,
      options.readyTimeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(
  name: string,
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${child.exitCode}: ${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(500),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms: ${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
