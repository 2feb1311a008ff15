import { DEFAULT_TOKEN_TTL_SECONDS } from './kubernetesAuth';
import { Route, listResponse } from './route';
import { TokenEntry } from './tokenStore';

/** The mount path of the sandbox's Kubernetes auth method. */
export const KUBERNETES_AUTH_MOUNT = 'kubernetes';

const ROLE_NAME = '(\\w(?:[\\w.-]*\\w)?)';

/** `auth/kubernetes/...` (roles and login) and the token self-service paths. */
export const authRoutes: Route[] = [
  {
    pattern: new RegExp(`^auth/${KUBERNETES_AUTH_MOUNT}/login$`),
    unauthenticated: true,
    operations: {
      update: ({ state, namespace, body }) => {
        const { role, roleName, account } = namespace.kubernetesRoles.login(
          body.role,
          body.jwt,
        );
        const policies = [
          ...new Set([
            ...(role.tokenNoDefaultPolicy ? [] : ['default']),
            ...role.tokenPolicies,
          ]),
        ].sort();
        const metadata = {
          role: roleName,
          service_account_name: account.name,
          service_account_namespace: account.namespace,
          service_account_secret_name: account.secretName,
          service_account_uid: account.uid,
        };
        const ttl =
          role.tokenTtl > 0 ? role.tokenTtl : DEFAULT_TOKEN_TTL_SECONDS;
        const token = state.tokens.issue({
          policies,
          namespace: namespace.path,
          ttlSeconds: ttl,
          displayName: `${KUBERNETES_AUTH_MOUNT}-${account.namespace}-${account.name}`,
          metadata,
        });
        return {
          data: null,
          auth: {
            client_token: token.id,
            accessor: token.accessor,
            policies,
            token_policies: policies,
            metadata,
            lease_duration: ttl,
            renewable: true,
            entity_id: token.entityId,
            token_type: 'service',
            orphan: true,
            mfa_requirement: null,
            num_uses: 0,
          },
        };
      },
    },
  },
  {
    pattern: new RegExp(`^auth/${KUBERNETES_AUTH_MOUNT}/role/?$`),
    operations: {
      list: ({ namespace }) => listResponse(namespace.kubernetesRoles.names()),
    },
  },
  {
    pattern: new RegExp(`^auth/${KUBERNETES_AUTH_MOUNT}/role/${ROLE_NAME}$`),
    exists: ({ namespace, params }) =>
      namespace.kubernetesRoles.exists(params[0]),
    operations: {
      read: ({ namespace, params }) => {
        const data = namespace.kubernetesRoles.read(params[0]);
        return data && { data };
      },
      create: ({ namespace, params, body }) => {
        namespace.kubernetesRoles.write(params[0], body);
        return undefined;
      },
      update: ({ namespace, params, body }) => {
        namespace.kubernetesRoles.write(params[0], body);
        return undefined;
      },
      delete: ({ namespace, params }) => {
        namespace.kubernetesRoles.delete(params[0]);
        return undefined;
      },
    },
  },
  {
    pattern: /^auth\/token\/lookup-self$/,
    operations: {
      read: ({ token }) => ({ data: lookupSelfData(token!) }),
    },
  },
  {
    pattern: /^auth\/token\/revoke-self$/,
    operations: {
      update: ({ state, token }) => {
        state.tokens.revoke(token!.id);
        return undefined;
      },
    },
  },
];

/**
 * The `auth/token/lookup-self` answer, shaped as OpenBao's `handleLookup` (vault/token_store.go):
 * `namespace_path` only outside the root namespace; `renewable`, `issue_time` and a non-null
 * `expire_time` only for a token with a lease (a login token, not the root token).
 */
function lookupSelfData(token: TokenEntry): Record<string, unknown> {
  const data: Record<string, unknown> = {
    accessor: token.accessor,
    creation_time: Math.floor(token.issuedAt / 1000),
    creation_ttl: token.ttlSeconds,
    display_name: token.displayName,
    entity_id: token.entityId,
    expire_time: null,
    explicit_max_ttl: 0,
    id: token.id,
    meta: Object.keys(token.metadata).length > 0 ? token.metadata : null,
    num_uses: 0,
    orphan: true,
    path: token.policies.includes('root')
      ? 'auth/token/root'
      : `auth/${KUBERNETES_AUTH_MOUNT}/login`,
    policies: token.policies,
    ttl: 0,
    type: 'service',
  };
  if (token.namespace !== '') data.namespace_path = token.namespace;
  if (token.expiresAt !== undefined) {
    data.expire_time = new Date(token.expiresAt).toISOString();
    data.ttl = Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000));
    data.renewable = true;
    data.issue_time = new Date(token.issuedAt).toISOString();
  }
  return data;
}
