import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { runtimeInstallationAnnotations } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  loadProdSeed,
  loadSeed,
  RunningKubernetesServer,
  startKubernetesServer,
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  RuntimeSeed,
} from '@runtime-portal/runtime-sandbox';
import { RuntimeEntityProvider } from '../provider/RuntimeEntityProvider';

/** A sandbox cluster of one environment, with the portal's least-privilege identity. */
const startCluster = (seed: RuntimeSeed) =>
  startKubernetesServer({
    port: 0,
    seed,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
    adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    readyAfterMs: 0,
  });

describe("the runtime components' versions per environment (the sandbox's dev and prod)", () => {
  const clusters: RunningKubernetesServer[] = [];
  let provider: RuntimeEntityProvider;
  const components = new Map<string, Entity>();

  beforeAll(async () => {
    clusters.push(
      await startCluster(loadSeed()),
      await startCluster(loadProdSeed()),
    );
    const environments = ['dev', 'prod'].map((name, i) => ({
      name,
      kubernetes: {
        url: clusters[i].url,
        serviceAccountToken: DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken,
        skipTLSVerify: true,
      },
    }));
    provider = new RuntimeEntityProvider({
      clients: RuntimeClients.fromConfig(
        new ConfigReader({ runtime: { environments } }),
      ),
      logger: mockServices.logger.mock(),
      platformOwner: 'group:default/platform-team',
      ownerFallback: 'group:default/platform-team',
      kinds: [],
    });
    await provider.connect({
      applyMutation: async mutation => {
        if (mutation.type !== 'full') return;
        for (const { entity } of mutation.entities) {
          if (entity.kind === 'Component') {
            components.set(entity.metadata.name, entity);
          }
        }
      },
      refresh: async () => {},
    });
    await provider.refresh();
  });
  afterAll(async () => {
    await provider?.stop();
    await Promise.all(clusters.map(c => c.close()));
  });

  /** `installed version replicas` of a component in an environment, as its entity says. */
  const installation = (component: string, environment: string) => {
    const keys = runtimeInstallationAnnotations(environment);
    const a = components.get(component)?.metadata.annotations ?? {};
    return [a[keys.installed], a[keys.version], a[keys.replicas]]
      .filter(Boolean)
      .join(' ');
  };

  it("records each component's version in both environments, drift included", () => {
    expect(installation('kubeai', 'dev')).toBe('true 0.14.0 1/1');
    expect(installation('kubeai', 'prod')).toBe('true 0.13.0 2/2');
    expect(installation('grafana', 'dev')).toBe('true 11.4.0 1/1');
    expect(installation('grafana', 'prod')).toBe('true 11.3.2 1/1');
    expect(installation('openbao', 'dev')).toBe('true 2.6.2 3/3');
    expect(installation('openbao', 'prod')).toBe('true 2.6.2 3/3');
  });

  it('records a component prod does not have as not installed there', () => {
    expect(installation('faster-whisper', 'dev')).toBe('true 1.1.0 1/1');
    expect(installation('faster-whisper', 'prod')).toBe('false');
  });
});
