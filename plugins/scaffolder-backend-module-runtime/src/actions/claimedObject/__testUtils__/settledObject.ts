import {
  KubernetesClient,
  KubernetesKind,
  KubernetesObject,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * Reads an object once the sandbox's controllers have stopped writing it (the same
 * resourceVersion twice, `quietMs` apart), so it can be compared field by field with a later read.
 */
export async function settledObject<T extends KubernetesObject>(
  kubernetes: KubernetesClient,
  kind: KubernetesKind<T>,
  namespace: string,
  name: string,
  quietMs = 400,
): Promise<T | undefined> {
  let last = await kubernetes.get(kind, namespace, name);
  for (let i = 0; i < 20; i++) {
    await new Promise(resolve => setTimeout(resolve, quietMs));
    const now = await kubernetes.get(kind, namespace, name);
    if (now?.metadata.resourceVersion === last?.metadata.resourceVersion) {
      return now;
    }
    last = now;
  }
  throw new Error(`${kind.kind} ${namespace}/${name} never settled`);
}
