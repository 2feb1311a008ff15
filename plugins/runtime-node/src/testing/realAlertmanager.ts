import { RealServer, startRealServer } from './realServer';

/** Where Debian's `prometheus-alertmanager` package installs Alertmanager. */
const ALERTMANAGER_BINARY =
  process.env.ALERTMANAGER_BINARY ?? '/usr/bin/prometheus-alertmanager';

/** The receiver of the test Alertmanager's routing tree (the sandbox uses the same name). */
const REAL_ALERTMANAGER_RECEIVER = 'runtime-portal';

/** A real Alertmanager started for a test. */
export type RealAlertmanager = RealServer;

/**
 * Starts the real Alertmanager binary on a free local port with a temporary config (one receiver)
 * and storage directory, clustering disabled, and waits until `/-/ready` answers. Fails with a clear
 * message when the binary is not installed (`apt-get install prometheus-alertmanager`).
 */
export function startRealAlertmanager(): Promise<RealAlertmanager> {
  return startRealServer({
    name: 'Alertmanager',
    binary: ALERTMANAGER_BINARY,
    debianPackage: 'prometheus-alertmanager',
    binaryEnv: 'ALERTMANAGER_BINARY',
    config: {
      file: 'alertmanager.yml',
      text: `route:\n  receiver: ${REAL_ALERTMANAGER_RECEIVER}\nreceivers:\n  - name: ${REAL_ALERTMANAGER_RECEIVER}\n`,
    },
    args: ({ config, data, port }) => [
      `--config.file=${config}`,
      `--storage.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    readyTimeoutMs: 15_000,
  });
}
