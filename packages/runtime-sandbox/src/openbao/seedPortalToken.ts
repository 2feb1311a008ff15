import { PORTAL_IDENTITY } from '../deploy';
import { KUBERNETES_AUTH_MOUNT } from './authRoutes';
import { OpenBaoState } from './OpenBaoState';

/**
 * Gives the portal its token as `deploy/` does: the ACL policy `runtime-portal` (the text of
 * `deploy/openbao/runtime-portal.hcl`) in the root namespace, and a token carrying it (with the
 * `default` policy, as the Kubernetes auth role `runtime-portal` logs the portal's ServiceAccount
 * in), under the id the portal is configured with. Never root.
 */
export function seedPortalToken(
  state: OpenBaoState,
  token: string,
  policy: string,
): void {
  state.root.policies.write(PORTAL_IDENTITY.openbaoPolicy, policy);
  const { namespace, name } = PORTAL_IDENTITY.serviceAccount;
  state.tokens.add(token, {
    policies: ['default', PORTAL_IDENTITY.openbaoPolicy],
    namespace: '',
    displayName: `${KUBERNETES_AUTH_MOUNT}-${namespace}-${name}`,
    metadata: {
      role: PORTAL_IDENTITY.openbaoPolicy,
      service_account_name: name,
      service_account_namespace: namespace,
    },
  });
}
