import { ConflictError } from '@backstage/errors';
import {
  OpenBaoClient,
  OpenBaoKubernetesAuthRole,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, requireSameClaim } from './claim';

/** How long a token from the Kubernetes auth role lives, in seconds. */
const ROLE_TOKEN_TTL_SECONDS = 3600;

/** The first line of a policy this module wrote: it records whose the policy is. */
const HEADER = /^# Managed by Runtime Portal for owner (\S+), service (\S+):/;

/** The read-only ACL policy of one secret, headed by the claim it belongs to. */
function secretReadPolicy(
  kvMount: string,
  path: string,
  claim: ResourceClaim,
): string {
  return [
    `# Managed by Runtime Portal for owner ${claim.owner}, service ${claim.service}: read access to the secret ${path}`,
    `path "${kvMount}/data/${path}" {`,
    `  capabilities = ["read"]`,
    `}`,
    `path "${kvMount}/metadata/${path}" {`,
    `  capabilities = ["read"]`,
    `}`,
    '',
  ].join('\n');
}

/** Which parts of a read grant exist. */
export interface SecretReadGrantState {
  /** The ACL policy exists (and is the claim's). */
  policy: boolean;
  /** The Kubernetes auth role exists (and grants only that policy). */
  role: boolean;
}

/**
 * Reads the read grant `name` and checks it is `claim`'s: an existing policy must be headed by the
 * claim and an existing role must grant only that policy; anything else is a `ConflictError`.
 * Read-only; says which parts exist.
 */
export async function readSecretReadGrant(
  openbao: OpenBaoClient,
  grant: { name: string; claim: ResourceClaim; signal?: AbortSignal },
): Promise<SecretReadGrantState> {
  const { name, claim, signal } = grant;
  const policy = await openbao.readAclPolicy(name, { signal });
  if (policy) {
    const [, owner, service] = HEADER.exec(policy.policy) ?? [];
    requireSameClaim(`OpenBao policy ${name}`, { owner, service }, claim);
  }
  const role = await openbao.readKubernetesAuthRole(name, { signal });
  if (
    role &&
    !(role.tokenPolicies.length === 1 && role.tokenPolicies[0] === name)
  ) {
    throw new ConflictError(
      `OpenBao Kubernetes auth role ${name} already exists and grants policies ${
        role.tokenPolicies.join(', ') || 'none'
      }, not only ${name}; it was not made for ${claim.owner}/${claim.service}`,
    );
  }
  return { policy: policy !== undefined, role: role !== undefined };
}

/**
 * Lets one Kubernetes service account read one secret: an ACL policy `name` scoped to the secret's
 * path and a Kubernetes auth role `name` bound to the account that grants that policy. Before
 * writing, an existing policy must be `claim`'s (its header) and an existing role must grant only
 * that policy; anything else is a `ConflictError` and nothing is written. Only what differs is
 * written, so re-running with the same grant changes nothing.
 */
export async function grantSecretRead(
  openbao: OpenBaoClient,
  grant: {
    name: string;
    kvMount: string;
    path: string;
    claim: ResourceClaim;
    namespace: string;
    serviceAccount: string;
    signal?: AbortSignal;
  },
): Promise<void> {
  const { name, claim, signal } = grant;
  await readSecretReadGrant(openbao, { name, claim, signal });
  // Only what differs is written, so a re-run with the same grant changes nothing in OpenBao.
  const policy = secretReadPolicy(grant.kvMount, grant.path, claim);
  const current = await openbao.readAclPolicy(name, { signal });
  if (current?.policy !== policy) {
    await openbao.writeAclPolicy(name, policy, { signal });
  }
  const role = {
    boundServiceAccountNames: [grant.serviceAccount],
    boundServiceAccountNamespaces: [grant.namespace],
    tokenPolicies: [name],
    tokenTtl: ROLE_TOKEN_TTL_SECONDS,
  };
  const currentRole = await openbao.readKubernetesAuthRole(name, { signal });
  if (!currentRole || !sameRole(currentRole, role)) {
    await openbao.writeKubernetesAuthRole(name, role, { signal });
  }
}

/** Whether a Kubernetes auth role read back binds the same accounts to the same policies for as long. */
function sameRole(
  found: Omit<OpenBaoKubernetesAuthRole, 'name'>,
  wanted: Omit<OpenBaoKubernetesAuthRole, 'name'>,
): boolean {
  const same = (a: string[], b: string[]) =>
    a.length === b.length && a.every((value, i) => value === b[i]);
  return (
    same(found.boundServiceAccountNames, wanted.boundServiceAccountNames) &&
    same(
      found.boundServiceAccountNamespaces,
      wanted.boundServiceAccountNamespaces,
    ) &&
    same(found.tokenPolicies, wanted.tokenPolicies) &&
    found.tokenTtl === wanted.tokenTtl
  );
}
