import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { createOpenBaoHandler } from './handler';
import { OpenBaoState } from './OpenBaoState';
import { seedOpenBao } from './seedOpenBao';

/** The version the sandbox reports when the seed does not list an `openbao` component. */
const FALLBACK_VERSION = '2.6.2';

/**
 * Starts an in-memory OpenBao (Vault-compatible HTTP API) seeded from `options.seed`. The root token
 * is `options.credentials.openbaoToken`; KV v2 is mounted at `secret/` and Kubernetes auth at
 * `kubernetes/` in every namespace.
 */
export async function startOpenBaoServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const version =
    options.seed.components.find(c => c.name === 'openbao')?.version ??
    FALLBACK_VERSION;
  const state = new OpenBaoState(options.credentials.openbaoToken, version);
  seedOpenBao(state.root, options.seed);
  return listen(createOpenBaoHandler(state), options.port, options.host);
}
