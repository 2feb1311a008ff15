import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import {
  POD_RESOURCE,
  controllerReference,
  isPodReady,
  queueKey,
  writeStatus,
} from './controllerSupport';

const MODEL = resourceOfKind('Model');
const MANAGER = 'kubeai-model-controller';
const FEATURE_LABEL_DOMAIN = 'features.kubeai.org';
/** The label KubeAI puts on a Model's Pods (`kubeaiv1.PodModelLabel`). */
const POD_MODEL_LABEL = 'model';

const ENGINE_IMAGES: Record<string, string> = {
  VLLM: 'vllm/vllm-openai:v0.7.3',
  OLlama: 'ollama/ollama:0.5.7',
  FasterWhisper: 'fedirz/faster-whisper-server:latest-cpu',
  Infinity: 'michaelf34/infinity:latest',
};

/** The replicas KubeAI's autoscaler starts from: `spec.replicas` kept within min and max. */
function desiredReplicas(spec: Record<string, any>): number {
  const min = spec.minReplicas ?? 0;
  let replicas = spec.replicas ?? min;
  if (replicas < min) replicas = min;
  if (spec.maxReplicas !== undefined && replicas > spec.maxReplicas)
    replicas = spec.maxReplicas;
  return replicas;
}

/** The feature labels KubeAI adds (`features.kubeai.org/<Feature>: "true"`), null for stale ones. */
function featureLabelChanges(
  model: KubernetesObject,
): Record<string, string | null> {
  const features: string[] = Array.isArray(model.spec?.features)
    ? model.spec.features
    : [];
  const labels = model.metadata?.labels ?? {};
  const changes: Record<string, string | null> = {};
  for (const key of Object.keys(labels)) {
    if (
      key.startsWith(`${FEATURE_LABEL_DOMAIN}/`) &&
      !features.includes(key.split('/')[1])
    ) {
      changes[key] = null;
    }
  }
  for (const feature of features) {
    const key = `${FEATURE_LABEL_DOMAIN}/${feature}`;
    if (labels[key] !== 'true') changes[key] = 'true';
  }
  return changes;
}

/**
 * A stand-in for KubeAI's model controller (`internal/modelcontroller`): sets `spec.replicas`
 * within min/max and the feature labels, runs one Pod per replica named `model-<name>-<index>`
 * with KubeAI's labels (`model: <name>`, `app.kubernetes.io/*`), and reports `status.replicas`
 * (`all`, `ready`) and, for a Model with a `cacheProfile`, `status.cache.loaded`. A Model with
 * `minReplicas: 0` stays at zero Pods until something scales it.
 */
export class ModelController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    const { namespace } = event.object.metadata ?? {};
    let name: string | undefined;
    if (event.resource === MODEL && event.type !== 'DELETED') {
      name = event.object.metadata?.name;
    } else if (event.resource === POD_RESOURCE) {
      name = event.object.metadata?.labels?.[POD_MODEL_LABEL];
    }
    if (!name || !namespace) return;
    const modelName = name;
    this.runtime.enqueue(queueKey(MODEL, namespace, modelName), () =>
      this.reconcile(namespace, modelName),
    );
  }

  private reconcile(namespace: string, name: string) {
    const model = this.api.store.get(MODEL, namespace, name);
    if (!model || !model.spec) return;
    const replicas = desiredReplicas(model.spec);
    const labels = featureLabelChanges(model);
    if (replicas !== model.spec.replicas || Object.keys(labels).length > 0) {
      // The store event of this update queues the next reconcile.
      this.api.patch(
        MODEL,
        namespace,
        name,
        'merge',
        { metadata: { labels }, spec: { replicas } },
        { manager: MANAGER },
      );
      return;
    }
    const pods = this.api.store
      .all(POD_RESOURCE, namespace)
      .filter(pod => pod.metadata?.labels?.[POD_MODEL_LABEL] === name);
    if (pods.length < replicas) {
      this.createPods(model, pods, replicas - pods.length);
    } else if (pods.length > replicas) {
      for (const pod of pods.slice(replicas)) {
        this.api.delete(POD_RESOURCE, namespace, pod.metadata!.name!, {});
      }
    }
    const current = this.api.store
      .all(POD_RESOURCE, namespace)
      .filter(pod => pod.metadata?.labels?.[POD_MODEL_LABEL] === name);
    const ready = current.filter(isPodReady).length;
    const status: Record<string, unknown> = {
      ...model.status,
      replicas: { all: current.length, ready },
    };
    if (model.spec.cacheProfile) {
      status.cache = {
        loaded: Boolean(model.status?.cache?.loaded) || ready > 0,
      };
    }
    writeStatus(this.api, MODEL, model, status, MANAGER);
  }

  private createPods(
    model: KubernetesObject,
    existing: KubernetesObject[],
    count: number,
  ) {
    const name = model.metadata!.name!;
    const engine = String(model.spec.engine ?? 'VLLM');
    const taken = new Set(existing.map(p => p.metadata?.name));
    for (let created = 0, index = 0; created < count; index++) {
      const podName = `model-${name}-${index}`;
      if (taken.has(podName)) continue;
      this.api.create(
        POD_RESOURCE,
        model.metadata!.namespace,
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName,
            labels: {
              app: 'model',
              [POD_MODEL_LABEL]: name,
              'app.kubernetes.io/name': engine.toLowerCase(),
              'app.kubernetes.io/instance': `${engine.toLowerCase()}-${name}`,
              'app.kubernetes.io/managed-by': 'kubeai',
            },
            annotations: { 'model-pod-port': '8000' },
            ownerReferences: [controllerReference(MODEL, model)],
          },
          spec: {
            containers: [
              {
                name: 'server',
                image: ENGINE_IMAGES[engine] ?? ENGINE_IMAGES.VLLM,
                args: Array.isArray(model.spec.args) ? model.spec.args : [],
                ports: [{ containerPort: 8000, protocol: 'TCP', name: 'http' }],
              },
            ],
          },
        },
        { manager: MANAGER },
      );
      created++;
    }
  }
}
