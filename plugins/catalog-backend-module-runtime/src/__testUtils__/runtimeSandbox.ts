import {
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
  /** `runtime.environments[]` entry reaching these servers. */
  config(name: string): JsonObject;
  close(): Promise<void>;
}

/** Starts the four sandbox servers on free ports, seeded with `seed` (default: the seed file). */
export async function startEnvironmentSandbox(
  seed: RuntimeSeed = loadSeed(),
): Promise<EnvironmentSandbox> {
  const common = {
    host: '127.0.0.1',
    port: 0,
    seed,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
    readyAfterMs: 0,
  };
  const kubernetes = await startKubernetesServer(common);
  const openbao = await startOpenBaoServer(common);
  const s3 = await startS3Server(common);
  const temporal = await startTemporalServer(common);
  const closed = new Set<RunningServer>();
  const c = DEFAULT_SANDBOX_CREDENTIALS;
  return {
    kubernetes,
    openbao,
    s3,
    temporal,
    config: name => ({
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
    }),
    close: async () => {
      for (const server of [kubernetes, openbao, s3, temporal]) {
        if (closed.has(server)) continue;
        closed.add(server);
        await server.close().catch(() => undefined);
      }
    },
  };
}
