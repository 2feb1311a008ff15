import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  RunningKubernetesServer,
  startKubernetesServer,
} from '@runtime-portal/runtime-sandbox';
import { ConfigReader } from '@backstage/config';
import { readRuntimeEnvironments } from '../config';
import { KubernetesClient } from './KubernetesClient';
import {
  discoverKubeAIUrl,
  kubeaiServiceUrl,
  openAIBaseUrl,
} from './kubeaiBaseUrl';
import { SERVICE_KIND } from './kinds';
import { KubernetesObject } from './types';

/** The `kubeai` block of a `runtime.environments[]` entry, read as the backend reads it. */
function kubeaiConfig(kubeai?: object) {
  const [env] = readRuntimeEnvironments(
    new ConfigReader({
      runtime: {
        environments: [{ name: 'dev', ...(kubeai ? { kubeai } : {}) }],
      },
    }),
  );
  return env.kubeai;
}

/** A Service named `kubeai` as a team could create it in its own namespace. */
const teamKubeai = (namespace: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'kubeai',
    namespace,
    labels: { 'runtime-portal.io/owner': 'search-team' },
  },
  spec: { ports: [{ name: 'http', port: 8000, targetPort: 8000 }] },
});

describe('discoverKubeAIUrl', () => {
  let sandbox: RunningKubernetesServer;
  let kubernetes: KubernetesClient;

  beforeAll(async () => {
    sandbox = await startKubernetesServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      readyAfterMs: 20,
    });
    kubernetes = new KubernetesClient({
      environment: 'dev',
      access: {
        url: sandbox.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken,
        skipTLSVerify: true,
        timeoutMs: 5000,
      },
    });
  });
  afterAll(() => sandbox.close());

  it("defaults to the Service in the platform model's KubeAI namespace", async () => {
    const config = kubeaiConfig();
    expect(config).toEqual({ namespace: 'runtime-inference' });
    expect(await discoverKubeAIUrl(kubernetes, config)).toBe(
      'http://kubeai.runtime-inference.svc.cluster.local',
    );
  });

  it("ignores a Service named kubeai in a team's namespace, even when KubeAI's own is gone", async () => {
    await kubernetes.create(teamKubeai('team-search'));
    const config = kubeaiConfig();
    expect(await discoverKubeAIUrl(kubernetes, config)).toBe(
      'http://kubeai.runtime-inference.svc.cluster.local',
    );

    const platform = await kubernetes.get(
      SERVICE_KIND,
      'runtime-inference',
      'kubeai',
    );
    await kubernetes.delete(SERVICE_KIND, 'runtime-inference', 'kubeai');
    try {
      // the hijack: the only kubeai Service left is the team's, and it is still not used
      expect(await discoverKubeAIUrl(kubernetes, config)).toBeUndefined();
      // what an endpoint's details show instead: KubeAI's own namespace, never the team's
      expect(openAIBaseUrl(kubeaiServiceUrl(config))).toBe(
        'http://kubeai.runtime-inference.svc.cluster.local/openai/v1',
      );
    } finally {
      const { metadata, spec } = platform!;
      await kubernetes.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: metadata.name,
          namespace: metadata.namespace,
          labels: metadata.labels,
        },
        spec: { selector: (spec as any).selector, ports: (spec as any).ports },
      });
    }
    // the team's Service itself is left exactly as the team made it
    const team = await kubernetes.get(SERVICE_KIND, 'team-search', 'kubeai');
    expect(team?.metadata.labels).toEqual({
      'runtime-portal.io/owner': 'search-team',
    });
    expect((team?.spec as any).ports).toEqual([
      expect.objectContaining({ name: 'http', port: 8000, targetPort: 8000 }),
    ]);
  });

  it('looks only in the configured namespace, with its port', async () => {
    const config = kubeaiConfig({ namespace: 'team-search' });
    expect(await discoverKubeAIUrl(kubernetes, config)).toBe(
      'http://kubeai.team-search.svc.cluster.local:8000',
    );
    expect(
      await discoverKubeAIUrl(kubernetes, kubeaiConfig({ namespace: 'nope' })),
    ).toBeUndefined();
  });

  it('uses a configured baseUrl as it is, without asking the cluster', async () => {
    const config = kubeaiConfig({
      baseUrl: 'https://kubeai.example.com/',
      namespace: 'runtime-inference',
    });
    const unreachable = new KubernetesClient({
      environment: 'dev',
      access: {
        url: 'http://127.0.0.1:1',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'unused',
        skipTLSVerify: true,
        timeoutMs: 500,
      },
      retries: 0,
    });
    expect(await discoverKubeAIUrl(unreachable, config)).toBe(
      'https://kubeai.example.com',
    );
  });

  it('refuses a bad kubeai config, naming the key', () => {
    expect(() => kubeaiConfig({ namespace: 'Team A' })).toThrow(
      "Invalid config at 'runtime.environments[0].kubeai.namespace': 'Team A' is not a Kubernetes namespace name",
    );
    expect(() => kubeaiConfig({ baseUrl: 'kubeai:80' })).toThrow(
      "Invalid config at 'runtime.environments[0].kubeai.baseUrl'",
    );
  });
});
