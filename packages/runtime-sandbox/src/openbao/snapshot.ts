import { canonicalJson, digestOf } from '../snapshot/canonicalJson';
import { NamespaceState, OpenBaoState } from './OpenBaoState';

/** One KV v2 key (mount `secret/`) in an {@link OpenBaoSnapshot}. */
export interface OpenBaoKvSnapshot {
  /**
   * The key's metadata as `GET secret/metadata/<key>` answers it: `versions` with their created and
   * deletion times, `current_version`, `current_metadata_version`, `max_versions`, `cas_required`,
   * `custom_metadata` and the key's own created and updated times.
   */
  metadata: Record<string, unknown>;
  /**
   * Per version number still kept, the SHA-256 (hex, of the canonical JSON) of each data key's
   * value: a new value shows, the value itself never appears.
   */
  versions: Record<string, Record<string, string>>;
}

/** One OpenBao namespace in an {@link OpenBaoSnapshot}. */
export interface OpenBaoNamespaceSnapshot {
  /** The namespace's accessor id (`root` for the root namespace). */
  id: string;
  customMetadata: Record<string, string>;
  /** KV v2 keys (mount `secret/`) by path, e.g. `semantic-search/database`. */
  kv: Record<string, OpenBaoKvSnapshot>;
  /** ACL policies by name, as `GET sys/policies/acl/<name>` answers (text, version, modified). */
  policies: Record<string, Record<string, unknown>>;
  /** Kubernetes auth roles (mount `kubernetes/`) by name, as `GET auth/kubernetes/role/<name>` answers. */
  kubernetesRoles: Record<string, Record<string, unknown>>;
}

/** The sandbox OpenBao's state in a {@link SandboxSnapshot}. */
export interface OpenBaoSnapshot {
  /** Namespaces by canonical path: `''` is the root namespace, then `team-a/`, `team-a/child/`. */
  namespaces: Record<string, OpenBaoNamespaceSnapshot>;
}

/**
 * Reads every namespace's KV v2 keys, ACL policies and Kubernetes auth roles. Tokens are left out:
 * they are sessions (the root and portal tokens, and those a Kubernetes auth login issues), and no
 * Runtime action creates one.
 */
export function openBaoSnapshot(state: OpenBaoState): OpenBaoSnapshot {
  const namespaces: Record<string, OpenBaoNamespaceSnapshot> = {};
  for (const path of state.namespacePaths()) {
    namespaces[path] = namespaceSnapshot(state.namespace(path)!);
  }
  return canonicalJson({ namespaces });
}

function namespaceSnapshot(ns: NamespaceState): OpenBaoNamespaceSnapshot {
  const kv: Record<string, OpenBaoKvSnapshot> = {};
  for (const key of ns.kv.keyNames()) {
    const metadata = ns.kv.readMetadata(key)!;
    const versions: Record<string, Record<string, string>> = {};
    for (const number of Object.keys(metadata.versions as object)) {
      const data = (ns.kv.read(key, Number(number))?.data ?? {}) as Record<
        string,
        unknown
      >;
      versions[number] = Object.fromEntries(
        Object.entries(data).map(([name, value]) => [name, digestOf(value)]),
      );
    }
    kv[key] = { metadata, versions };
  }
  return {
    id: ns.id,
    customMetadata: ns.customMetadata,
    kv,
    policies: byName(ns.policies.names(), name => ns.policies.read(name)!),
    kubernetesRoles: byName(
      ns.kubernetesRoles.names(),
      name => ns.kubernetesRoles.read(name)!,
    ),
  };
}

function byName<T>(names: string[], read: (name: string) => T) {
  return Object.fromEntries(names.map(name => [name, read(name)]));
}
