import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  RunningServer,
  RuntimeSeed,
  startKubernetesServer,
  startOpenBaoServer,
  startS3Server,
  startTemporalServer,
} from '@runtime-portal/runtime-sandbox';
import type { RunningKubernetesServer } from '@runtime-portal/runtime-sandbox';
import { JsonObject } from '@backstage/types';

/** The sandbox servers of one environment, each of which a test can stop on its own. */
export interface EnvironmentSandbox {
  kubernetes: RunningKubernetesServer;
  openbao: RunningServer;
  s3: RunningServer;
  temporal: RunningServer;
  /** `runtime.environments[]` entry reaching these servers, as the portal (least privilege). */
  config(name: string): JsonObject;
  /**
   * The same entry with the administrator's credentials: for a test that sets up state the portal may
   * not write itself, never for the code under test.
   */
  adminConfig(name: string): JsonObject;
  close(): Promise<void>;
}

/**
 * Starts the four sandbox servers on free ports, seeded with `seed` (default: the seed file); the
 * config carries the portal's least-privilege identities of `deploy/`.
 */
export async function startEnvironmentSandbox(
  seed: RuntimeSeed = loadSeed(),
): Promise<EnvironmentSandbox> {
  const common = {
    host: '127.0.0.1',
    port: 0,
    seed,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
    adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    readyAfterMs: 0,
  };
  const kubernetes = await startKubernetesServer(common);
  const openbao = await startOpenBaoServer(common);
  const s3 = await startS3Server(common);
  const temporal = await startTemporalServer(common);
  const closed = new Set<RunningServer>();
  const configWith = (
    name: string,
    c: typeof DEFAULT_SANDBOX_CREDENTIALS,
  ): JsonObject => ({
    name,
    kubernetes: {
      url: kubernetes.url,
      serviceAccountToken: c.kubernetesToken,
      skipTLSVerify: true,
    },
    openbao: { url: openbao.url, token: c.openbaoToken },
    objectStorage: {
      endpoint: s3.url,
      accessKeyId: c.s3AccessKeyId,
      secretAccessKey: c.s3SecretAccessKey,
    },
    temporal: { httpUrl: temporal.url },
  });
  return {
    kubernetes,
    openbao,
    s3,
    temporal,
    config: name => configWith(name, DEFAULT_SANDBOX_CREDENTIALS),
    adminConfig: name => configWith(name, DEFAULT_SANDBOX_ADMIN_CREDENTIALS),
    close: async () => {
      for (const server of [kubernetes, openbao, s3, temporal]) {
        if (closed.has(server)) continue;
        closed.add(server);
        await server.close().catch(() => undefined);
      }
    },
  };
}
