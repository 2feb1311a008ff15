import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `prometheus-alertmanager` package installs Alertmanager. */
export const ALERTMANAGER_BINARY =
  process.env.ALERTMANAGER_BINARY ?? '/usr/bin/prometheus-alertmanager';

/** The receiver of the test Alertmanager's routing tree (the sandbox uses the same name). */
export const REAL_ALERTMANAGER_RECEIVER = 'runtime-portal';

/** A real Alertmanager started for a test. */
export interface RealAlertmanager {
  url: string;
  stop(): Promise<void>;
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
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `Alertmanager exited with code ${child.exitCode}: ${output()}`,
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
  throw new Error(
    `Alertmanager was not ready within ${timeoutMs} ms: ${output()}`,
  );
}

/**
 * Starts the real Alertmanager binary on a free local port with a temporary config (one receiver)
 * and storage directory, clustering disabled, and waits until `/-/ready` answers. Fails with a clear
 * message when the binary is not installed (`apt-get install prometheus-alertmanager`).
 */
export async function startRealAlertmanager(): Promise<RealAlertmanager> {
  if (!existsSync(ALERTMANAGER_BINARY)) {
    throw new Error(
      `Alertmanager is not installed at ${ALERTMANAGER_BINARY}: install Debian's prometheus-alertmanager package (or set ALERTMANAGER_BINARY) to run this test`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(
    config,
    `route:\n  receiver: ${REAL_ALERTMANAGER_RECEIVER}\nreceivers:\n  - name: ${REAL_ALERTMANAGER_RECEIVER}\n`,
  );
  const port = await freePort();
  const child = spawn(
    ALERTMANAGER_BINARY,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, () => output, 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
