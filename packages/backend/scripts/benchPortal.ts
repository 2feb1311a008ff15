import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {
  CountingProxy,
  Sandbox,
  sandboxEnvironmentConfig,
  sandboxKeycloakConfig,
  sandboxPlatformConfig,
  startCountingProxy,
} from '@runtime-portal/runtime-sandbox';
import { RUNTIME_HTTP_SERVICES } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  BackendProcess,
  guestToken,
  startBackendProcess,
} from '../src/testing/startBackendProcess';

/** The upstreams the benchmarks count calls to. */
export const PROXIED = [...RUNTIME_HTTP_SERVICES, 'gitlab', 'harbor'] as const;

/** A sandbox with counting proxies and the real backend reaching it through them. */
export interface BenchPortal {
  sandbox: Sandbox;
  backend: BackendProcess;
  proxies: Record<(typeof PROXIED)[number], CountingProxy>;
  /** Authorization header of the benchmark's static-token caller. */
  headers: Record<string, string>;
  /**
   * Signs in (guest provider) as {@link BENCH_USER}, a member of search-team, and returns the
   * authorization header of that user: the permission policy decides this caller's requests.
   */
  userHeaders(): Promise<Record<string, string>>;
  upstreamCalls(): number;
  resetCalls(): void;
  /** Waits until the catalog serves the entity (`kind/namespace/name`). */
  waitForEntity(entityPath: string): Promise<void>;
  stop(): Promise<void>;
}

const TOKEN = 'bench-static-token-0123456789';

/** The signed-in user of the benchmarks: not in the catalog, a member of search-team by its token. */
export const BENCH_USER = 'user:default/bench-viewer';

/** What a benchmark changes in {@link startBenchPortal}'s portal. */
export interface BenchPortalOptions {
  /** Environment of the sandbox's process (see benchSandboxProcess.ts, e.g. BENCH_SANDBOX_MODELS). */
  sandboxEnv?: Record<string, string>;
  /** More environment of the backend's process (e.g. `APP_CONFIG_...` overrides). */
  backendEnv?: Record<string, string>;
}

/** Starts the sandbox (free ports), a counting proxy per upstream and the backend (dev config). */
export async function startBenchPortal(
  port: number,
  options: BenchPortalOptions = {},
): Promise<BenchPortal> {
  const sandbox = await startSandboxProcess(options.sandboxEnv);
  const proxies = {} as BenchPortal['proxies'];
  try {
    return await startOnSandbox(port, options, sandbox, proxies);
  } catch (error) {
    // A backend that did not start leaves no sandbox process (and its PostgreSQL) behind.
    await Promise.all(Object.values(proxies).map(proxy => proxy.close()));
    await sandbox.close();
    throw error;
  }
}

/** The proxies and the backend of {@link startBenchPortal}, on a started sandbox. */
async function startOnSandbox(
  port: number,
  options: BenchPortalOptions,
  sandbox: Sandbox,
  proxies: BenchPortal['proxies'],
): Promise<BenchPortal> {
  for (const upstream of PROXIED) {
    proxies[upstream] = await startCountingProxy(sandbox.urls[upstream]);
  }
  const environment = sandboxEnvironmentConfig(sandbox);
  for (const upstream of RUNTIME_HTTP_SERVICES) {
    environment[upstream] = {
      ...environment[upstream],
      url: proxies[upstream].url,
    };
  }
  const platform = sandboxPlatformConfig(sandbox);
  const keycloak = sandboxKeycloakConfig(sandbox);
  const backend = await startBackendProcess({
    configs: ['app-config.yaml'],
    port,
    env: {
      APP_CONFIG_runtime_environments: JSON.stringify([environment]),
      APP_CONFIG_runtime_harbor: JSON.stringify({
        ...platform.harbor,
        url: proxies.harbor.url,
      }),
      APP_CONFIG_integrations_gitlab: JSON.stringify([
        {
          ...platform.integrations.gitlab[0],
          apiBaseUrl: `${proxies.gitlab.url}/api/v4`,
        },
      ]),
      APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
        { type: 'static', options: { token: TOKEN, subject: 'benchmark' } },
      ]),
      // Sign-in and the org from the sandbox's Keycloak, on the port it got.
      APP_CONFIG_auth_providers_oidc_development: JSON.stringify(keycloak.oidc),
      APP_CONFIG_catalog_providers_keycloakOrg_default: JSON.stringify(
        keycloak.keycloakOrg,
      ),
      APP_CONFIG_auth_providers_guest: JSON.stringify({
        userEntityRef: BENCH_USER,
        ownershipEntityRefs: [BENCH_USER, 'group:default/search-team'],
      }),
      ...options.backendEnv,
    },
  });
  const headers = { authorization: `Bearer ${TOKEN}` };
  return {
    sandbox,
    backend,
    proxies,
    headers,
    userHeaders: async () => ({
      authorization: `Bearer ${await guestToken(backend.baseUrl)}`,
    }),
    upstreamCalls: () => PROXIED.reduce((n, u) => n + proxies[u].count(), 0),
    resetCalls: () => PROXIED.forEach(u => proxies[u].reset()),
    async waitForEntity(entityPath) {
      for (let i = 0; ; i++) {
        const r = await fetch(
          `${backend.baseUrl}/api/catalog/entities/by-name/${entityPath}`,
          { headers },
        );
        if (r.ok) return;
        if (i > 240) throw new Error(`the catalog has no ${entityPath}`);
        await new Promise(res => setTimeout(res, 500));
      }
    },
    async stop() {
      await backend.stop();
      await Promise.all(PROXIED.map(u => proxies[u].close()));
      await sandbox.close();
    },
  };
}

/** The sandbox in a child process (see benchSandboxProcess.ts), as a {@link Sandbox}. */
async function startSandboxProcess(
  env: Record<string, string> = {},
): Promise<Sandbox> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      // Runs from source only.
      // eslint-disable-next-line no-restricted-syntax
      path.join(__dirname, 'benchSandboxProcess.ts'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', code =>
      reject(new Error(`sandbox exited with ${code}`)),
    );
  });
  const { urls, credentials } = JSON.parse(line);
  const unsupported = () => Promise.reject(new Error('not in a child sandbox'));
  return {
    urls,
    credentials,
    stopUpstream: unsupported,
    startUpstream: unsupported,
    close: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
