import { OpenBaoClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { SecretReadGrantState } from './grantSecretRead';

/**
 * One line per part of the read grant `name` that exists (the role, then the policy), in the words
 * of a delete action's `removed` output.
 */
export function secretReadGrantLines(
  name: string,
  state: SecretReadGrantState,
): string[] {
  return [
    ...(state.role ? [`OpenBao Kubernetes auth role ${name}`] : []),
    ...(state.policy ? [`OpenBao ACL policy ${name}`] : []),
  ];
}

/**
 * Removes the read grant `name` that `readSecretReadGrant` found and checked: the Kubernetes auth
 * role first (so no new token is issued for it), then the ACL policy. Both deletes are done already
 * when the part is gone, so a re-run after a failure finishes the job.
 */
export async function revokeSecretRead(
  openbao: OpenBaoClient,
  name: string,
  state: SecretReadGrantState,
  signal?: AbortSignal,
): Promise<void> {
  if (state.role) await openbao.deleteKubernetesAuthRole(name, { signal });
  if (state.policy) await openbao.deleteAclPolicy(name, { signal });
}
