/** Who a request is from, once its bearer token is authenticated (`user.Info`). */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** The group every authenticated user is in. */
export const AUTHENTICATED_GROUP = 'system:authenticated';

/** The group kube-apiserver's bootstrap policy binds `cluster-admin` to. */
export const MASTERS_GROUP = 'system:masters';

/**
 * A ServiceAccount as the token authenticator makes it a user:
 * `system:serviceaccount:<namespace>:<name>`, in `system:serviceaccounts`,
 * `system:serviceaccounts:<namespace>` and `system:authenticated`.
 */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      AUTHENTICATED_GROUP,
    ],
  };
}

/** The platform's administrator (a kubeconfig's admin user): in `system:masters`. */
export const CLUSTER_ADMIN_USER: UserInfo = {
  name: 'sandbox-admin',
  groups: [MASTERS_GROUP, AUTHENTICATED_GROUP],
};
