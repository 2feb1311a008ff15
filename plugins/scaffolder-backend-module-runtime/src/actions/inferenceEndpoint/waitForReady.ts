import {
  KubeAIModel,
  KubernetesClient,
  MODEL_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** How often the Model's status is read while waiting. */
const POLL_INTERVAL_MS = 500;

/**
 * Polls the Model until `status.replicas.ready >= 1`, for at most `timeoutMs`. Resolves the number
 * of ready replicas, or `undefined` when the time ran out.
 */
export async function waitForReadyModel(
  kubernetes: KubernetesClient,
  namespace: string,
  name: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const model = await kubernetes.get<KubeAIModel>(
      MODEL_KIND,
      namespace,
      name,
      {
        signal,
      },
    );
    const ready = model?.status?.replicas?.ready ?? 0;
    if (ready >= 1) return ready;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(POLL_INTERVAL_MS, left), signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
