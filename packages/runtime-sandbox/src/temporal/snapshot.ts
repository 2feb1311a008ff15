import { canonicalJson } from '../snapshot/canonicalJson';
import { NamespaceStore } from './NamespaceStore';

/** One Temporal namespace in a {@link TemporalSnapshot}. */
export interface TemporalNamespaceSnapshot {
  id: string;
  /** `NAMESPACE_STATE_REGISTERED`, or `..._DEPRECATED`/`..._DELETED` after UpdateNamespace. */
  state: string;
  description: string;
  ownerEmail: string;
  data: Record<string, string>;
  retentionSeconds: number;
}

/**
 * The sandbox Temporal server's state in a {@link SandboxSnapshot}. The stand-in serves namespaces
 * only (no workflows, executions or schedules exist in it), so namespaces are its whole state.
 */
export interface TemporalSnapshot {
  /** Registered namespaces by name. */
  namespaces: Record<string, TemporalNamespaceSnapshot>;
}

/** Reads every registered namespace. */
export function temporalSnapshot(store: NamespaceStore): TemporalSnapshot {
  const namespaces: Record<string, TemporalNamespaceSnapshot> = {};
  for (const { name, ...namespace } of store.all()) {
    namespaces[name] = namespace;
  }
  return canonicalJson({ namespaces });
}
