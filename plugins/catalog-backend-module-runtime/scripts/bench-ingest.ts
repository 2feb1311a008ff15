/*
 * Benchmark of the runtime entity provider: a sandbox with 10,000 KubeAI Models (plus the seeded
 * Runtime), read through the provider with a recording connection.
 *
 *   yarn bench:ingest
 *   (node --require @backstage/cli-node/config/nodeTransform.cjs scripts/bench-ingest.ts)
 *
 * The sandbox runs in the same process, so the memory figures include it.
 */
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import {
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeEntityProvider } from '../src/provider/RuntimeEntityProvider';
import { startEnvironmentSandbox } from '../src/__testUtils__/runtimeSandbox';

const ms = (start: number) => `${Math.round(performance.now() - start)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const MODELS = 10_000;
const NAMESPACES = 20;

async function main() {
  const sandbox = await startEnvironmentSandbox();
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `bench-${i}`);
  await sandbox.kubernetes.insert(
    namespaces.map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
  );
  const model = (i: number, owner: string) => ({
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: {
      name: `model-${i}`,
      namespace: namespaces[i % NAMESPACES],
      labels: {
        'runtime-portal.io/owner': owner,
        'runtime-portal.io/service': `service-${i % 50}`,
      },
    },
    spec: {
      url: `hf://bench/model-${i}`,
      engine: 'VLLM',
      features: ['TextGeneration'],
      minReplicas: 0,
      maxReplicas: 1,
    },
  });
  let t = performance.now();
  for (let i = 0; i < MODELS; i += 1000) {
    await sandbox.kubernetes.insert(
      Array.from({ length: 1000 }, (_, j) =>
        model(i + j, `team-${(i + j) % 10}`),
      ),
    );
  }
  console.log(`sandbox: inserted ${MODELS} models in ${ms(t)}`);

  const clients = RuntimeClients.fromConfig(
    new ConfigReader({ runtime: { environments: [sandbox.config('bench')] } }),
  );
  let written = 0;
  let mutations = 0;
  const provider = new RuntimeEntityProvider({
    clients,
    logger: {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return this;
      },
    } as any,
    platformOwner: 'group:default/platform-team',
    ownerFallback: 'group:default/platform-team',
    kinds: ['inference-endpoint', 'secret', 'bucket', 'workflow'],
  });
  await provider.connect({
    applyMutation: async (m: EntityProviderMutation) => {
      mutations++;
      written +=
        m.type === 'full'
          ? m.entities.length
          : m.added.length + m.removed.length;
    },
    refresh: async () => {},
  });

  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);

  const measure = async (label: string) => {
    written = 0;
    mutations = 0;
    t = performance.now();
    const result = await provider.refresh();
    console.log(
      `${label}: ${ms(t)}, ${
        result.mutation
      } mutation(s)=${mutations}, entities written=${written}, failed=${
        result.failedScopes.join(',') || 'none'
      }`,
    );
  };

  await measure('first full ingest');
  await measure('unchanged refresh');

  const k8s = clients.client('bench', 'kubernetes');
  const changed = MODELS / 100;
  t = performance.now();
  for (let i = 0; i < changed; i++) {
    const current = model(i * 100, 'team-x');
    const live = await k8s.get(
      MODEL_KIND,
      current.metadata.namespace,
      current.metadata.name,
    );
    await k8s.replace({
      ...live!,
      metadata: { ...live!.metadata, labels: current.metadata.labels },
    });
  }
  console.log(`sandbox: changed the owner of ${changed} models in ${ms(t)}`);
  // The provider learns of changes through its watches; let the last events arrive, as they have
  // long before the next scheduled refresh.
  await new Promise(resolve => setTimeout(resolve, 100));
  await measure('refresh with 1% changed');

  clearInterval(sampler);
  console.log(
    `peak heap used: ${mb(peakHeap)}, max RSS: ${mb(
      process.resourceUsage().maxRSS * 1024,
    )} (sandbox included)`,
  );
  await provider.stop();
  await sandbox.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
