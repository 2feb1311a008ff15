import { Config } from '@backstage/config';
import { readKubeAI } from './readKubeAI';
import { readMaxResponseBytes } from './readMaxResponseBytes';
import { readPostgres } from './readPostgres';
import { readRoutes } from './readRoutes';
import { requireUrl } from './requireUrl';
import {
  HttpServiceAccess,
  KubernetesAccess,
  RUNTIME_HTTP_SERVICES,
  ObjectStorageAccess,
  OpenBaoAccess,
  RuntimeEnvironment,
  TemporalAccess,
} from './types';

const DEFAULT_TIMEOUT_MS = 10_000;
const IN_CLUSTER_TOKEN_PATH =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;

/**
 * Reads and validates `runtime.environments`. A bad or missing value throws an error that names the
 * config key; no environments configured gives an empty list.
 *
 * @public
 */
export function readRuntimeEnvironments(config: Config): RuntimeEnvironment[] {
  const entries = config.getOptionalConfigArray('runtime.environments') ?? [];
  const maxBytes = readMaxResponseBytes(
    config.getOptionalConfig('runtime'),
    'runtime',
  );
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const key = `runtime.environments[${index}]`;
    const name = entry.getString('name');
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new Error(
        `Invalid config at '${key}.name': '${name}' must be 1-32 lowercase letters, digits or dashes`,
      );
    }
    if (seen.has(name)) {
      throw new Error(
        `Invalid config at '${key}.name': environment '${name}' is configured twice`,
      );
    }
    seen.add(name);
    return {
      name,
      title: entry.getOptionalString('title') ?? name,
      kubernetes: readKubernetes(entry, `${key}.kubernetes`, maxBytes),
      openbao: readOpenBao(entry, `${key}.openbao`, maxBytes),
      objectStorage: readObjectStorage(entry, `${key}.objectStorage`, maxBytes),
      temporal: readTemporal(entry, `${key}.temporal`, maxBytes),
      kubeai: readKubeAI(entry.getOptionalConfig('kubeai'), `${key}.kubeai`),
      routes: readRoutes(entry.getOptionalConfig('routes'), `${key}.routes`),
      postgres: readPostgres(
        entry.getOptionalConfig('postgres'),
        `${key}.postgres`,
      ),
      ...Object.fromEntries(
        RUNTIME_HTTP_SERVICES.map(service => [
          service,
          readHttpService(
            entry.getOptionalConfig(service),
            `${key}.${service}`,
            maxBytes,
          ),
        ]),
      ),
    };
  });
}

function readKubernetes(
  env: Config,
  key: string,
  maxBytes: number,
): KubernetesAccess | undefined {
  const c = env.getOptionalConfig('kubernetes');
  if (!c) return undefined;
  const authProvider = c.getOptionalString('authProvider') ?? 'serviceAccount';
  if (authProvider !== 'serviceAccount' && authProvider !== 'inCluster') {
    throw new Error(
      `Invalid config at '${key}.authProvider': '${authProvider}' must be 'serviceAccount' or 'inCluster'`,
    );
  }
  const rawUrl = c.getOptionalString('url');
  if (authProvider === 'serviceAccount') {
    requireValue(rawUrl, `${key}.url`);
    requireValue(
      c.getOptionalString('serviceAccountToken'),
      `${key}.serviceAccountToken`,
    );
  }
  const url =
    rawUrl === undefined ? undefined : requireUrl(rawUrl, `${key}.url`);
  return {
    url,
    authProvider,
    serviceAccountToken: c.getOptionalString('serviceAccountToken'),
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    timeoutMs: readTimeout(c, key),
    maxResponseBytes: readMaxResponseBytes(c, key, maxBytes),
  };
}

function readOpenBao(
  env: Config,
  key: string,
  maxBytes: number,
): OpenBaoAccess | undefined {
  const c = env.getOptionalConfig('openbao');
  if (!c) return undefined;
  const url = requireUrl(c.getString('url'), `${key}.url`);
  const token = c.getOptionalString('token');
  const k8s = c.getOptionalConfig('kubernetesAuth');
  if (!token === !k8s) {
    throw new Error(
      `Invalid config at '${key}': set exactly one of '${key}.token' or '${key}.kubernetesAuth'`,
    );
  }
  const auth: OpenBaoAccess['auth'] = token
    ? { type: 'token', token }
    : {
        type: 'kubernetes',
        role: k8s!.getString('role'),
        mount: k8s!.getOptionalString('mount') ?? 'kubernetes',
        serviceAccountTokenPath:
          k8s!.getOptionalString('serviceAccountTokenPath') ??
          IN_CLUSTER_TOKEN_PATH,
      };
  return {
    url,
    auth,
    kvMount: trimSlashes(c.getOptionalString('kvMount') ?? 'secret'),
    namespace: c.getOptionalString('namespace'),
    kubernetesAuthMount: trimSlashes(
      c.getOptionalString('kubernetesAuthMount') ?? 'kubernetes',
    ),
    timeoutMs: readTimeout(c, key),
    maxResponseBytes: readMaxResponseBytes(c, key, maxBytes),
  };
}

function readObjectStorage(
  env: Config,
  key: string,
  maxBytes: number,
): ObjectStorageAccess | undefined {
  const c = env.getOptionalConfig('objectStorage');
  if (!c) return undefined;
  return {
    endpoint: requireUrl(c.getString('endpoint'), `${key}.endpoint`),
    region: c.getOptionalString('region') ?? 'us-east-1',
    accessKeyId: c.getString('accessKeyId'),
    secretAccessKey: c.getString('secretAccessKey'),
    forcePathStyle: c.getOptionalBoolean('forcePathStyle') ?? true,
    timeoutMs: readTimeout(c, key),
    maxResponseBytes: readMaxResponseBytes(c, key, maxBytes),
  };
}

function readTemporal(
  env: Config,
  key: string,
  maxBytes: number,
): TemporalAccess | undefined {
  const c = env.getOptionalConfig('temporal');
  if (!c) return undefined;
  return {
    httpUrl: requireUrl(c.getString('httpUrl'), `${key}.httpUrl`),
    apiKey: c.getOptionalString('apiKey'),
    timeoutMs: readTimeout(c, key),
    maxResponseBytes: readMaxResponseBytes(c, key, maxBytes),
  };
}

/**
 * Reads one plain HTTP upstream's access (`url`, optional `token` or `username` + `password`,
 * `headers`, `uiUrl`, `timeoutMs`, `maxResponseBytes` defaulting to `maxBytes`); undefined when the
 * block is absent.
 *
 * @public
 */
export function readHttpService(
  c: Config | undefined,
  key: string,
  maxBytes?: number,
): HttpServiceAccess | undefined {
  if (!c) return undefined;
  const username = c.getOptionalString('username');
  const password = c.getOptionalString('password');
  if (!username !== !password) {
    throw new Error(
      `Invalid config at '${key}': set both '${key}.username' and '${key}.password', or neither`,
    );
  }
  const token = c.getOptionalString('token');
  if (token && username) {
    throw new Error(
      `Invalid config at '${key}': set '${key}.token' or '${key}.username', not both`,
    );
  }
  const headersConfig = c.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig?.keys() ?? []) {
    headers[name] = headersConfig!.getString(name);
  }
  const uiUrl = c.getOptionalString('uiUrl');
  return {
    url: requireUrl(c.getString('url'), `${key}.url`),
    token,
    username,
    password,
    headers,
    uiUrl: uiUrl === undefined ? undefined : requireUrl(uiUrl, `${key}.uiUrl`),
    timeoutMs: readTimeout(c, key),
    maxResponseBytes: readMaxResponseBytes(c, key, maxBytes),
  };
}

function readTimeout(c: Config, key: string): number {
  const value = c.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(value) || value <= 0 || value > 600_000) {
    throw new Error(
      `Invalid config at '${key}.timeoutMs': ${value} must be between 1 and 600000`,
    );
  }
  return value;
}

function requireValue(value: string | undefined, key: string): string {
  if (!value) throw new Error(`Missing required config value at '${key}'`);
  return value;
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}
