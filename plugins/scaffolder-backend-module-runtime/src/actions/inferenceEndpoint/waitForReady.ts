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
  const { model, finished } = await pollModel(
    { kubernetes, namespace, name, timeoutMs, signal },
    live => readyOf(live) >= 1,
  );
  return finished ? readyOf(model) : undefined;
}

/** Where a Model's rollout stands: its ready and running replicas against the desired count. */
export interface ModelRollout {
  /** Replicas ready to serve (`status.replicas.ready`). */
  ready: number;
  /** Replicas running, ready or not (`status.replicas.all`). */
  all: number;
  /** Replicas KubeAI aims for: `spec.replicas` kept within minReplicas and maxReplicas. */
  desired: number;
  /** Whether exactly the desired replicas run and are ready. */
  finished: boolean;
}

/**
 * The replicas KubeAI's model controller aims for: `spec.replicas` (which its autoscaler sets;
 * `minReplicas` when unset) kept within `minReplicas` and `maxReplicas`.
 */
function desiredModelReplicas(model: KubeAIModel): number {
  const min = model.spec.minReplicas ?? 0;
  const max = model.spec.maxReplicas;
  const replicas = Math.max(model.spec.replicas ?? min, min);
  return max === undefined ? replicas : Math.min(replicas, max);
}

/** The rollout of a live Model (see {@link ModelRollout}). */
export function modelRollout(model: KubeAIModel | undefined): ModelRollout {
  const desired = model ? desiredModelReplicas(model) : 0;
  const ready = readyOf(model);
  const all = model?.status?.replicas?.all ?? 0;
  return {
    ready,
    all,
    desired,
    finished: Boolean(model) && ready >= desired && all === desired,
  };
}

/**
 * Polls the Model until its rollout has finished (exactly the desired replicas run and are ready),
 * for at most `timeoutMs` (0: reads once). Resolves the rollout as last read.
 */
export async function waitForModelRollout(
  kubernetes: KubernetesClient,
  namespace: string,
  name: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ModelRollout> {
  const { model } = await pollModel(
    { kubernetes, namespace, name, timeoutMs, signal },
    live => modelRollout(live).finished,
  );
  return modelRollout(model);
}

/** Reads the Model every {@link POLL_INTERVAL_MS} until `done` or the time runs out. */
async function pollModel(
  options: {
    kubernetes: KubernetesClient;
    namespace: string;
    name: string;
    timeoutMs: number;
    signal?: AbortSignal;
  },
  done: (model: KubeAIModel | undefined) => boolean,
): Promise<{ model: KubeAIModel | undefined; finished: boolean }> {
  const { kubernetes, namespace, name, timeoutMs, signal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const model = await kubernetes.get<KubeAIModel>(
      MODEL_KIND,
      namespace,
      name,
      { signal },
    );
    if (done(model)) return { model, finished: true };
    const left = deadline - Date.now();
    if (left <= 0) return { model, finished: false };
    await sleep(Math.min(POLL_INTERVAL_MS, left), signal);
  }
}

function readyOf(model: KubeAIModel | undefined): number {
  return model?.status?.replicas?.ready ?? 0;
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
