import { randomBytes } from 'node:crypto';
import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject, timestamp } from '../objects';
import { ControllerRuntime } from './ControllerRuntime';
import { POD_RESOURCE, queueKey } from './controllerSupport';

function runningStatus(pod: KubernetesObject, now: string, n: number) {
  const condition = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: now,
  });
  return {
    phase: 'Running',
    conditions: [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map(condition),
    hostIP: '172.18.0.2',
    podIP: `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
    startTime: pod.metadata?.creationTimestamp ?? now,
    containerStatuses: (pod.spec?.containers ?? []).map(
      (container: { name: string; image?: string }) => ({
        name: container.name,
        image: container.image ?? '',
        imageID: '',
        containerID: `containerd://${randomBytes(32).toString('hex')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      }),
    ),
  };
}

/**
 * A stand-in for kubelet: every Pending Pod starts and becomes Ready after the start-up delay
 * (`readyAfterMs`), written through the Pod's status subresource by manager `kubelet`.
 */
export class Kubelet {
  private addresses = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource !== POD_RESOURCE || event.type !== 'ADDED') return;
    const pod = event.object;
    if (pod.status?.phase !== 'Pending') return;
    const { namespace, name, uid } = pod.metadata!;
    this.runtime.afterStartupDelay(
      queueKey(POD_RESOURCE, namespace, name!),
      () => this.start(namespace!, name!, uid!),
    );
  }

  private start(namespace: string, name: string, uid: string) {
    const pod = this.api.store.get(POD_RESOURCE, namespace, name);
    if (!pod || pod.metadata?.uid !== uid || pod.status?.phase !== 'Pending')
      return;
    this.api.patch(
      POD_RESOURCE,
      namespace,
      name,
      'merge',
      { status: runningStatus(pod, timestamp(new Date()), ++this.addresses) },
      { manager: 'kubelet', subresource: 'status' },
    );
  }
}
