import { Config } from '@backstage/config';
import { HttpServiceAccess } from './types';
import { readHttpService } from './readRuntimeEnvironments';
import { readMaxResponseBytes } from './readMaxResponseBytes';

/**
 * The delivery services shared by every environment: GitLab (from `integrations.gitlab`, the entry
 * whose host is `runtime.gitlab.host`, else the first) and Harbor (`runtime.harbor`).
 *
 * @public
 */
export interface RuntimeDeliveryServices {
  /** GitLab's REST API: `url` is the integration's `apiBaseUrl`, `uiUrl` its `baseUrl`. */
  gitlab?: HttpServiceAccess;
  harbor?: HttpServiceAccess;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Reads {@link RuntimeDeliveryServices} from config; a bad value throws an error naming the key.
 *
 * @public
 */
export function readRuntimeDeliveryServices(
  config: Config,
): RuntimeDeliveryServices {
  const maxBytes = readMaxResponseBytes(
    config.getOptionalConfig('runtime'),
    'runtime',
  );
  return {
    gitlab: readGitLab(config, maxBytes),
    harbor: readHttpService(
      config.getOptionalConfig('runtime.harbor'),
      'runtime.harbor',
      maxBytes,
    ),
  };
}

function readGitLab(
  config: Config,
  maxBytes: number,
): HttpServiceAccess | undefined {
  const integrations = config.getOptionalConfigArray('integrations.gitlab');
  if (!integrations?.length) return undefined;
  const wanted = config.getOptionalString('runtime.gitlab.host');
  const index = wanted
    ? integrations.findIndex(i => i.getString('host') === wanted)
    : 0;
  if (index < 0) {
    throw new Error(
      `Invalid config at 'runtime.gitlab.host': no integrations.gitlab entry has host '${wanted}'`,
    );
  }
  const entry = integrations[index];
  const host = entry.getString('host');
  const baseUrl = (
    entry.getOptionalString('baseUrl') ?? `https://${host}`
  ).replace(/\/+$/, '');
  const apiBaseUrl = (
    entry.getOptionalString('apiBaseUrl') ?? `${baseUrl}/api/v4`
  ).replace(/\/+$/, '');
  return {
    url: apiBaseUrl,
    uiUrl: baseUrl,
    token: entry.getOptionalString('token'),
    headers: {},
    timeoutMs:
      config.getOptionalNumber('runtime.gitlab.timeoutMs') ??
      DEFAULT_TIMEOUT_MS,
    maxResponseBytes: readMaxResponseBytes(
      config.getOptionalConfig('runtime.gitlab'),
      'runtime.gitlab',
      maxBytes,
    ),
  };
}
