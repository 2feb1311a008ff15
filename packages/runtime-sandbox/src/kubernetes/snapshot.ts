import { canonicalJson } from '../snapshot/canonicalJson';
import { ObjectStore } from './ObjectStore';

/** The sandbox Kubernetes API's state in a {@link SandboxSnapshot}. */
export interface KubernetesSnapshot {
  /**
   * Every stored object, in full (metadata with its own `resourceVersion`, `uid`, timestamps and
   * managed fields, spec, status; a Secret's values redacted), keyed `<apiVersion> <kind> <namespace>/<name>`, or
   * `<apiVersion> <kind> <name>` for a cluster-scoped kind.
   */
  objects: Record<string, Record<string, unknown>>;
}

/** A Secret without its values: each data key maps to `<redacted: N bytes>`. */
function redactSecret(
  secret: Record<string, unknown>,
): Record<string, unknown> {
  const data = (secret.data ?? {}) as Record<string, string>;
  return {
    ...secret,
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        `<redacted: ${Buffer.from(String(value), 'base64').length} bytes>`,
      ]),
    ),
  };
}

/** Reads every object of the store (Secret values redacted) (the store's own resourceVersion counter is left out). */
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
      resource.kind === 'Secret'
        ? redactSecret(object as Record<string, unknown>)
        : (object as Record<string, unknown>);
  }
  return canonicalJson({ objects });
}
