import { listen } from '../http/listen';
import { ServerOptions, StatefulRunningServer } from '../types';
import { createOpenBaoHandler } from './handler';
import { OpenBaoState } from './OpenBaoState';
import { seedOpenBao } from './seedOpenBao';
import { seedPortalToken } from './seedPortalToken';
import { loadOpenBaoPortalPolicy } from '../deploy';
import { OpenBaoSnapshot, openBaoSnapshot } from './snapshot';

/** The version the sandbox reports when the seed does not list an `openbao` component. */
const FALLBACK_VERSION = '2.6.2';

/**
 * Starts an in-memory OpenBao (Vault-compatible HTTP API) seeded from `options.seed`. The root token
 * is `options.adminCredentials.openbaoToken`, and `options.credentials.openbaoToken` is the portal's
 * token with the shipped policy `runtime-portal` (`deploy/openbao/runtime-portal.hcl`); without
 * `adminCredentials`, `options.credentials.openbaoToken` is the root token. KV v2 is mounted at `secret/` and Kubernetes auth at
 * `kubernetes/` in every namespace.
 */
export async function startOpenBaoServer(
  options: ServerOptions,
): Promise<StatefulRunningServer<OpenBaoSnapshot>> {
  const version =
    options.seed.components.find(c => c.name === 'openbao')?.version ??
    FALLBACK_VERSION;
  const root = options.adminCredentials ?? options.credentials;
  const state = new OpenBaoState(root.openbaoToken, version);
  seedOpenBao(state.root, options.seed);
  if (options.adminCredentials) {
    seedPortalToken(
      state,
      options.credentials.openbaoToken,
      loadOpenBaoPortalPolicy(),
    );
  }
  const server = await listen(
    createOpenBaoHandler(state),
    options.port,
    options.host,
  );
  return { ...server, snapshot: async () => openBaoSnapshot(state) };
}
