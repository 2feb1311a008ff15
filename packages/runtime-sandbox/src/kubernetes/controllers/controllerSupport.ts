import { ApiServer } from '../ApiServer';
import { KubernetesObject, OwnerReference, clone, deepEqual } from '../objects';
import { ResourceType, apiVersionOf, resourceOfKind } from '../resources';

/** The Pod resource type, which most controllers manage. */
export const POD_RESOURCE = resourceOfKind('Pod');

/** True when the Pod's `Ready` condition is `True`. */
export function isPodReady(pod: KubernetesObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) =>
      c.type === 'Ready' && c.status === 'True',
  );
}

/** A controller owner reference to `owner`. */
export function controllerReference(
  resource: ResourceType,
  owner: KubernetesObject,
): OwnerReference {
  return {
    apiVersion: apiVersionOf(resource),
    kind: resource.kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The Pods in a namespace whose owner references name `ownerUid`. */
export function podsOwnedBy(
  api: ApiServer,
  namespace: string,
  ownerUid: string,
) {
  return api.store
    .all(POD_RESOURCE, namespace)
    .filter(pod =>
      (pod.metadata?.ownerReferences ?? []).some(ref => ref.uid === ownerUid),
    );
}

/** Writes `status` through the status subresource when it differs from the stored one. */
export function writeStatus(
  api: ApiServer,
  resource: ResourceType,
  object: KubernetesObject,
  status: Record<string, unknown>,
  manager: string,
) {
  if (deepEqual(object.status, status)) return;
  api.replace(
    resource,
    object.metadata?.namespace,
    object.metadata!.name!,
    { ...clone(object), status },
    { manager, subresource: 'status' },
  );
}

/** `key` of a namespaced object for the controller queue. */
export function queueKey(
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
) {
  return `${resource.kind}:${namespace ?? ''}/${name}`;
}
