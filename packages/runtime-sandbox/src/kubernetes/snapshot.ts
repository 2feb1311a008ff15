import { canonicalJson } from '../snapshot/canonicalJson';
import { ObjectStore } from './ObjectStore';

/** The sandbox Kubernetes API's state in a {@link SandboxSnapshot}. */
export interface KubernetesSnapshot {
  /**
   * Every stored object, in full (metadata with its own `resourceVersion`, `uid`, timestamps and
   * managed fields, spec, status), keyed `<apiVersion> <kind> <namespace>/<name>`, or
   * `<apiVersion> <kind> <name>` for a cluster-scoped kind.
   */
  objects: Record<string, Record<string, unknown>>;
}

/** Reads every object of the store (the store's own resourceVersion counter is left out). */
export function kubernetesSnapshot(store: ObjectStore): KubernetesSnapshot {
  const objects: Record<string, Record<string, unknown>> = {};
  for (const [resource, object] of store.everyObject()) {
    const apiVersion =
      object.apiVersion ??
      (resource.group
        ? `${resource.group}/${resource.version}`
        : resource.version);
    const { namespace, name } = object.metadata ?? {};
    const path = namespace ? `${namespace}/${name}` : `${name}`;
    objects[`${apiVersion} ${object.kind ?? resource.kind} ${path}`] =
      object as Record<string, unknown>;
  }
  return canonicalJson({ objects });
}
