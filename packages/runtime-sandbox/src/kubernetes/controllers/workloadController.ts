import { createHash } from 'node:crypto';
import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject, clone, timestamp } from '../objects';
import { ResourceType, resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import {
  POD_RESOURCE,
  controllerReference,
  isPodReady,
  podsOwnedBy,
  queueKey,
  writeStatus,
} from './controllerSupport';

const MANAGER = 'kube-controller-manager';
const DEPLOYMENT = resourceOfKind('Deployment');
const STATEFUL_SET = resourceOfKind('StatefulSet');
const WORKLOADS_BY_KIND: Record<string, ResourceType | undefined> = {
  Deployment: DEPLOYMENT,
  StatefulSet: STATEFUL_SET,
};

function templateHash(workload: KubernetesObject): string {
  return createHash('sha256')
    .update(JSON.stringify(workload.spec?.template ?? {}))
    .digest('hex')
    .slice(0, 10);
}

function randomPodSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(
    { length: 5 },
    () => alphabet[Math.floor(Math.random() * alphabet.length)],
  ).join('');
}

/**
 * A stand-in for the Deployment and StatefulSet controllers: keeps `spec.replicas` Pods from the
 * pod template (owned directly by the workload; the sandbox has no ReplicaSets), and reports
 * `status` as kube-controller-manager does, with zero counts omitted (`readyReplicas` is absent
 * until a Pod is ready).
 */
export class WorkloadController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource === DEPLOYMENT || event.resource === STATEFUL_SET) {
      if (event.type !== 'DELETED') this.queue(event.resource, event.object);
      return;
    }
    if (event.resource !== POD_RESOURCE) return;
    for (const ref of event.object.metadata?.ownerReferences ?? []) {
      const resource = WORKLOADS_BY_KIND[ref.kind];
      if (resource && ref.controller) {
        const namespace = event.object.metadata!.namespace!;
        this.runtime.enqueue(queueKey(resource, namespace, ref.name), () =>
          this.reconcile(resource, namespace, ref.name),
        );
      }
    }
  }

  private queue(resource: ResourceType, workload: KubernetesObject) {
    const { namespace, name } = workload.metadata!;
    this.runtime.enqueue(queueKey(resource, namespace, name!), () =>
      this.reconcile(resource, namespace!, name!),
    );
  }

  private reconcile(resource: ResourceType, namespace: string, name: string) {
    const workload = this.api.store.get(resource, namespace, name);
    if (!workload || workload.metadata?.deletionTimestamp) return;
    const desired = workload.spec?.replicas ?? 1;
    let pods = podsOwnedBy(this.api, namespace, workload.metadata!.uid!);
    if (pods.length < desired) {
      this.createPods(resource, workload, pods, desired - pods.length);
    } else if (pods.length > desired) {
      this.deletePods(resource, pods, pods.length - desired);
    }
    pods = podsOwnedBy(this.api, namespace, workload.metadata!.uid!);
    writeStatus(
      this.api,
      resource,
      workload,
      this.statusOf(resource, workload, pods),
      MANAGER,
    );
  }

  private createPods(
    resource: ResourceType,
    workload: KubernetesObject,
    existing: KubernetesObject[],
    count: number,
  ) {
    const name = workload.metadata!.name!;
    const hash = templateHash(workload);
    const taken = new Set(existing.map(p => p.metadata?.name));
    const template = workload.spec?.template ?? {};
    for (let created = 0, ordinal = 0; created < count; ordinal++) {
      const statefulSet = resource === STATEFUL_SET;
      const podName = statefulSet
        ? `${name}-${ordinal}`
        : `${name}-${hash}-${randomPodSuffix()}`;
      if (taken.has(podName)) continue;
      const labels: Record<string, string> = { ...template.metadata?.labels };
      if (statefulSet) {
        labels['statefulset.kubernetes.io/pod-name'] = podName;
        labels['apps.kubernetes.io/pod-index'] = String(ordinal);
        labels['controller-revision-hash'] = `${name}-${hash}`;
      } else {
        labels['pod-template-hash'] = hash;
      }
      this.api.create(
        POD_RESOURCE,
        workload.metadata!.namespace,
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName,
            labels,
            annotations: template.metadata?.annotations,
            ownerReferences: [controllerReference(resource, workload)],
          },
          spec: clone(template.spec ?? { containers: [] }),
        },
        { manager: MANAGER },
      );
      created++;
    }
  }

  private deletePods(
    resource: ResourceType,
    pods: KubernetesObject[],
    count: number,
  ) {
    const ordered =
      resource === STATEFUL_SET
        ? [...pods].sort((a, b) =>
            b.metadata!.name!.localeCompare(a.metadata!.name!, 'en', {
              numeric: true,
            }),
          )
        : [...pods].sort(
            (a, b) => Number(isPodReady(a)) - Number(isPodReady(b)),
          );
    for (const pod of ordered.slice(0, count)) {
      this.api.delete(
        POD_RESOURCE,
        pod.metadata!.namespace,
        pod.metadata!.name!,
        {},
      );
    }
  }

  private statusOf(
    resource: ResourceType,
    workload: KubernetesObject,
    pods: KubernetesObject[],
  ) {
    const replicas = pods.length;
    const ready = pods.filter(isPodReady).length;
    const desired = workload.spec?.replicas ?? 1;
    const counts = (entries: Record<string, number>) =>
      Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== 0));
    const now = timestamp(new Date());
    if (resource === STATEFUL_SET) {
      const revision = `${workload.metadata!.name}-${templateHash(workload)}`;
      return {
        observedGeneration: workload.metadata!.generation,
        ...counts({
          replicas,
          readyReplicas: ready,
          currentReplicas: replicas,
          updatedReplicas: replicas,
          availableReplicas: ready,
        }),
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      };
    }
    const available = ready >= desired;
    const previous = (workload.status?.conditions ?? []) as Array<
      Record<string, string>
    >;
    const since = (type: string, status: string) => {
      const old = previous.find(c => c.type === type);
      return old && old.status === status ? old.lastTransitionTime : now;
    };
    return {
      observedGeneration: workload.metadata!.generation,
      ...counts({
        replicas,
        updatedReplicas: replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: Math.max(desired - ready, 0),
      }),
      conditions: [
        {
          type: 'Available',
          status: available ? 'True' : 'False',
          reason: available
            ? 'MinimumReplicasAvailable'
            : 'MinimumReplicasUnavailable',
          message: available
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
          lastUpdateTime: since('Available', available ? 'True' : 'False'),
          lastTransitionTime: since('Available', available ? 'True' : 'False'),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          message: `ReplicaSet "${workload.metadata!.name}-${templateHash(
            workload,
          )}" ${available ? 'has successfully progressed' : 'is progressing'}.`,
          lastUpdateTime: since('Progressing', 'True'),
          lastTransitionTime: since('Progressing', 'True'),
        },
      ],
    };
  }
}
