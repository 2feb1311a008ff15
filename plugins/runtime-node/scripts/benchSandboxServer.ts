/*
 * The server side of bench-kubernetes-list.ts, run in its own process: starts the sandbox
 * Kubernetes API server, inserts N KubeAI Models in one namespace and reports its URL over IPC.
 * Arguments: <namespace> <count>.
 */
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  EMPTY_SEED,
  startKubernetesServer,
} from '@runtime-portal/runtime-sandbox';

async function serve(namespace: string, count: number) {
  const server = await startKubernetesServer({
    port: 0,
    seed: EMPTY_SEED,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
  });
  const started = Date.now();
  await server.insert([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    ...Array.from({ length: count }, (_, i) => ({
      apiVersion: 'kubeai.org/v1',
      kind: 'Model',
      metadata: {
        name: `model-${String(i).padStart(5, '0')}`,
        namespace,
        labels: {
          'runtime-portal.io/owner': `team-${i % 20}`,
          'runtime-portal.io/service': `service-${i % 200}`,
        },
      },
      spec: {
        url: `hf://org/model-${i}`,
        engine: 'VLLM',
        features: ['TextGeneration'],
        resourceProfile: 'nvidia-gpu-l4:1',
        // No Pods: the benchmark is about listing, not about the simulated controllers.
        minReplicas: 0,
        maxReplicas: 2,
      },
    })),
  ]);
  process.send!({
    type: 'sandbox-ready',
    url: server.url,
    token: DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken,
    insertMs: Date.now() - started,
  });
  process.on('disconnect', () => {
    server.close().then(() => process.exit(0));
  });
}

serve(process.argv[2], Number(process.argv[3])).catch(error => {
  console.error(error);
  process.exit(1);
});
