import { randomBytes } from 'node:crypto';
import { KubernetesAuthRoles } from './kubernetesAuth';
import { KvV2Store } from './kvV2Store';
import { PolicyStore } from './policyStore';
import { TokenStore } from './tokenStore';

/** One OpenBao namespace with its own mounts: KV v2 at `secret/`, Kubernetes auth at `kubernetes/`. */
export interface NamespaceState {
  /** Canonical path: `''` for the root namespace, else `team-a/` or `team-a/child/`. */
  path: string;
  id: string;
  customMetadata: Record<string, string>;
  kv: KvV2Store;
  policies: PolicyStore;
  kubernetesRoles: KubernetesAuthRoles;
}

/** Everything the sandbox OpenBao holds: namespaces (each with its own stores) and tokens. */
export class OpenBaoState {
  readonly tokens: TokenStore;
  readonly version: string;
  private readonly namespaces = new Map<string, NamespaceState>();

  constructor(rootToken: string, version: string) {
    this.tokens = new TokenStore(rootToken);
    this.version = version;
    this.namespaces.set('', newNamespace('', 'root'));
  }

  /** The root namespace. */
  get root(): NamespaceState {
    return this.namespaces.get('')!;
  }

  /** A namespace by canonical path. */
  namespace(path: string): NamespaceState | undefined {
    return this.namespaces.get(path);
  }

  /** Every namespace's canonical path (`''` for the root), sorted. */
  namespacePaths(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  /** Creates a namespace (its parent must exist); returns the existing one if already there. */
  createNamespace(
    path: string,
    customMetadata: Record<string, string>,
  ): NamespaceState {
    const existing = this.namespaces.get(path);
    if (existing) return existing;
    const created = newNamespace(
      path,
      randomBytes(3).toString('hex').slice(0, 5),
    );
    created.customMetadata = customMetadata;
    this.namespaces.set(path, created);
    return created;
  }

  /** The direct child namespaces of a namespace, as `name/`. */
  childNamespaces(parent: string): string[] {
    return [...this.namespaces.keys()]
      .filter(path => path !== parent && path.startsWith(parent))
      .map(path => path.slice(parent.length))
      .filter(rest => rest.indexOf('/') === rest.length - 1)
      .sort();
  }

  /**
   * Resolves the namespace of a request as OpenBao does (`ResolveNamespaceFromRequest`): the
   * `X-Vault-Namespace` header is put before the path and the longest namespace prefix wins; the
   * header itself must name an existing namespace.
   */
  resolve(
    header: string,
    path: string,
  ): { namespace: NamespaceState; path: string } | undefined {
    const canonicalHeader = canonicalNamespace(header);
    const combined = canonicalHeader + path;
    let best: NamespaceState = this.root;
    for (const [nsPath, ns] of this.namespaces) {
      if (nsPath.length > best.path.length && combined.startsWith(nsPath))
        best = ns;
    }
    if (!best.path.startsWith(canonicalHeader)) return undefined;
    return { namespace: best, path: combined.slice(best.path.length) };
  }
}

/** `team-a`, `/team-a/` and `team-a/` all become `team-a/`; `root` and `''` become `''`. */
function canonicalNamespace(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || trimmed === 'root') return '';
  return `${trimmed}/`;
}

function newNamespace(path: string, id: string): NamespaceState {
  return {
    path,
    id,
    customMetadata: {},
    kv: new KvV2Store(),
    policies: new PolicyStore(),
    kubernetesRoles: new KubernetesAuthRoles(),
  };
}
