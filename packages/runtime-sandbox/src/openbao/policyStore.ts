import { AclPathRule, parseAclPolicy } from './aclPolicy';
import { badRequest } from './apiError';

/**
 * The part of OpenBao's built-in `default` policy that the sandbox serves: a token may look itself
 * up and revoke itself.
 */
const DEFAULT_POLICY = `# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}
`;

interface StoredPolicy {
  name: string;
  raw: string;
  rules: AclPathRule[];
  version: number;
  modified: string;
}

/** The ACL policies of one namespace (`sys/policies/acl`). */
export class PolicyStore {
  private readonly policies = new Map<string, StoredPolicy>();

  constructor() {
    this.write('default', DEFAULT_POLICY);
  }

  /** Creates or overwrites a policy; names are lower-cased as OpenBao does. */
  write(name: string, raw: string): void {
    const lower = name.toLowerCase();
    if (lower === 'root') throw badRequest('cannot update "root" policy');
    if (!raw) throw badRequest("'policy' parameter not supplied or empty");
    let rules: AclPathRule[];
    try {
      rules = parseAclPolicy(raw);
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    const existing = this.policies.get(lower);
    this.policies.set(lower, {
      name: lower,
      raw,
      rules,
      version: (existing?.version ?? 0) + 1,
      modified: new Date().toISOString(),
    });
  }

  /** The `sys/policies/acl/<name>` read answer, or undefined when there is no such policy. */
  read(name: string): Record<string, unknown> | undefined {
    const policy = this.policies.get(name.toLowerCase());
    if (!policy) return undefined;
    return {
      name: policy.name,
      policy: policy.raw,
      version: policy.version,
      cas_required: false,
      allow_wildcards_in_identity_templates: false,
      allow_slashes_in_identity_templates: false,
      modified: policy.modified,
    };
  }

  /** Whether a policy of this name exists (for the create/update existence check). */
  exists(name: string): boolean {
    return this.policies.has(name.toLowerCase());
  }

  /** Deletes a policy; the `default` and `root` policies cannot be deleted. */
  delete(name: string): void {
    const lower = name.toLowerCase();
    if (lower === 'default') throw badRequest('cannot delete "default" policy');
    if (lower === 'root') throw badRequest('cannot delete "root" policy');
    this.policies.delete(lower);
  }

  /** Policy names, sorted. */
  names(): string[] {
    return [...this.policies.keys()].sort();
  }

  /** The path rules of the named policies (unknown names contribute nothing, as in OpenBao). */
  rulesOf(names: string[]): AclPathRule[] {
    return names.flatMap(name => this.policies.get(name)?.rules ?? []);
  }
}
