import { escapeHtml } from './escapeHtml';
import crypto from 'node:crypto';
import Provider, { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { KeycloakRealm } from './KeycloakRealm';
import { memoryAdapterFactory } from './MemoryAdapter';

/** A confidential client of the realm (Keycloak: client authentication on). */
export interface RealmClient {
  clientId: string;
  clientSecret: string;
  /** Where the authorization code flow may send the browser back to. */
  redirectUris: string[];
  /** Whether the client's service account may read the admin API (Keycloak: `view-users`). */
  serviceAccountAdmin: boolean;
}

/** Keycloak's OpenID Connect paths under `/realms/<realm>`. */
const KEYCLOAK_OIDC_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  revocation: '/protocol/openid-connect/revoke',
  introspection: '/protocol/openid-connect/token/introspect',
};

/** Where the login page of an interaction lives, under the server's root. */
function loginPath(realm: string, uid: string): string {
  return `/realms/${realm}/login-actions/authenticate/${uid}`;
}

/**
 * The certified OpenID provider (`oidc-provider`) for one realm at Keycloak's URL layout, issuer
 * `<baseUrl>/realms/<realm>`: authorization code flow (PKCE verified when the client sends it), refresh
 * tokens as Keycloak issues them, client credentials for service accounts, userinfo, RP-initiated
 * logout. Tokens are signed with a key pair made at start; consent is implied (Keycloak's default for
 * a client without "consent required").
 */
export function createRealmProvider(options: {
  baseUrl: string;
  realm: KeycloakRealm;
  clients: RealmClient[];
}): Provider {
  const { realm } = options;
  const signingKey = crypto
    .generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients: options.clients.map(client => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: [
        'authorization_code',
        'refresh_token',
        ...(client.serviceAccountAdmin ? ['client_credentials'] : []),
      ],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: {
      keys: [
        {
          ...signingKey,
          kid: crypto.randomUUID(),
          alg: 'RS256',
          use: 'sig',
        } as any,
      ],
    },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    routes: KEYCLOAK_OIDC_ROUTES,
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: {
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    // Keycloak puts the profile and email claims in the ID token too.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    // Keycloak's plain error page: the OAuth error and its description, never a stack.
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Error</title><h1>We are sorry...</h1><p>${escapeHtml(
        String(out.error_description ?? out.error),
      )}</p>`;
    },
    interactions: {
      url: (_ctx, interaction) => loginPath(realm.name, interaction.uid),
    },
    // Keycloak issues a refresh token with every code exchange, not only for `offline_access`.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    loadExistingGrant: impliedConsent,
    findAccount: async (_ctx, sub) => {
      const user = realm.user(sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          preferred_username: user.username,
          email: user.email,
          email_verified: true,
          name: `${user.firstName} ${user.lastName}`,
          given_name: user.firstName,
          family_name: user.lastName,
        }),
      };
    },
    ttl: {
      AccessToken: 300,
      ClientCredentials: 300,
      IdToken: 300,
      AuthorizationCode: 60,
      RefreshToken: 1800,
      Session: 36000,
      Interaction: 1800,
      Grant: 36000,
    },
  };
  return new Provider(`${options.baseUrl}/realms/${realm.name}`, configuration);
}

/** Grants a signed-in user the scopes and claims the client asked for, as a first-party client gets them. */
async function impliedConsent(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const grantId =
    oidc.result?.consent?.grantId ??
    oidc.session!.grantIdFor(oidc.client!.clientId);
  if (grantId) return oidc.provider.Grant.find(grantId);
  const grant = new oidc.provider.Grant({
    clientId: oidc.client!.clientId,
    accountId: oidc.session!.accountId,
  });
  grant.addOIDCScope(
    [...(oidc.requestParamScopes ?? [])]
      .filter(scope => scope !== 'offline_access')
      .join(' '),
  );
  await grant.save();
  return grant;
}
