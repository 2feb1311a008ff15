import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { RESOURCE_TYPES, resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';

const NAMESPACE = resourceOfKind('Namespace');

/**
 * A stand-in for the garbage collector and the namespace controller: deleting an owner deletes
 * the objects whose owner references name it (background propagation), and a terminating
 * Namespace loses its content and then disappears.
 */
export class GarbageCollector {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    const { namespace, name, uid, deletionTimestamp } =
      event.object.metadata ?? {};
    if (event.resource === NAMESPACE) {
      if (event.type !== 'DELETED' && deletionTimestamp) {
        this.runtime.enqueue(`namespace:${name}`, () =>
          this.finalizeNamespace(name!),
        );
      }
      return;
    }
    if (event.type === 'DELETED' && namespace && uid) {
      this.runtime.enqueue(`dependents:${uid}`, () =>
        this.deleteDependents(namespace, uid),
      );
    }
  }

  private deleteDependents(namespace: string, ownerUid: string) {
    for (const resource of RESOURCE_TYPES.filter(r => r.namespaced)) {
      for (const object of this.api.store.all(resource, namespace)) {
        if (
          (object.metadata?.ownerReferences ?? []).some(
            ref => ref.uid === ownerUid,
          )
        ) {
          this.api.delete(resource, namespace, object.metadata!.name!, {});
        }
      }
    }
  }

  private finalizeNamespace(name: string) {
    for (const resource of RESOURCE_TYPES.filter(r => r.namespaced)) {
      for (const object of this.api.store.all(resource, name)) {
        this.api.delete(resource, name, object.metadata!.name!, {});
      }
    }
    const namespace = this.api.store.get(NAMESPACE, undefined, name);
    if (namespace?.metadata?.deletionTimestamp) {
      this.api.store.nextRevision();
      this.api.store.remove(NAMESPACE, namespace);
    }
  }
}
