import { OpenBaoClient } from '@runtime-portal/backstage-plugin-runtime-node';

/** How long a token from the Kubernetes auth role lives, in seconds. */
const ROLE_TOKEN_TTL_SECONDS = 3600;

/** The read-only ACL policy of one secret. */
export function secretReadPolicy(kvMount: string, path: string): string {
  return [
    `# Managed by Runtime Portal: read access to the secret ${path}`,
    `path "${kvMount}/data/${path}" {`,
    `  capabilities = ["read"]`,
    `}`,
    `path "${kvMount}/metadata/${path}" {`,
    `  capabilities = ["read"]`,
    `}`,
    '',
  ].join('\n');
}

/**
 * Lets one Kubernetes service account read one secret: an ACL policy `name` scoped to the secret's
 * path and a Kubernetes auth role `name` bound to the account that grants that policy. Both writes
 * replace what was there, so running it again is harmless.
 */
export async function grantSecretRead(
  openbao: OpenBaoClient,
  grant: {
    name: string;
    kvMount: string;
    path: string;
    namespace: string;
    serviceAccount: string;
    signal?: AbortSignal;
  },
): Promise<void> {
  const { name, signal } = grant;
  await openbao.writeAclPolicy(
    name,
    secretReadPolicy(grant.kvMount, grant.path),
    { signal },
  );
  await openbao.writeKubernetesAuthRole(
    name,
    {
      boundServiceAccountNames: [grant.serviceAccount],
      boundServiceAccountNamespaces: [grant.namespace],
      tokenPolicies: [name],
      tokenTtl: ROLE_TOKEN_TTL_SECONDS,
    },
    { signal },
  );
}
