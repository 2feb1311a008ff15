import express from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { adminRoutes } from './adminRoutes';
import { KeycloakRealm } from './KeycloakRealm';
import { loginRoutes } from './loginPage';
import { createRealmProvider } from './realmProvider';

/** The realm the sandbox's Keycloak serves (the Runtime's users and teams). */
export const SANDBOX_KEYCLOAK_REALM = 'runtime';

/** Where a Backstage backend on its default port receives the OIDC provider's callback. */
export const DEFAULT_KEYCLOAK_REDIRECT_URIS = [
  'http://localhost:7007/api/auth/oidc/handler/frame',
];

/** How to start the sandbox's Keycloak. */
export interface KeycloakServerOptions extends ServerOptions {
  /** Callback URLs the `backstage` client may use; defaults to {@link DEFAULT_KEYCLOAK_REDIRECT_URIS}. */
  redirectUris?: string[];
}

/**
 * Starts the sandbox's Keycloak: realm `runtime` with the seed's users and groups (a group per team),
 * OpenID Connect at Keycloak's layout (`/realms/runtime/.well-known/openid-configuration`,
 * `/realms/runtime/protocol/openid-connect/auth|token|certs|userinfo|logout`) served by the certified
 * `oidc-provider`, a username and password login page, and the admin API's users and groups. One
 * confidential client, the credentials' `keycloakClientId`, signs users in to Backstage and, as a service
 * account (client credentials at the realm's token endpoint), reads the admin API.
 */
export async function startKeycloakServer(
  options: KeycloakServerOptions,
): Promise<RunningServer> {
  const realm = KeycloakRealm.fromSeed(SANDBOX_KEYCLOAK_REALM, options.seed);
  const host = options.host ?? '127.0.0.1';
  const app = express();
  app.disable('x-powered-by');
  // The issuer must be known before listening: bind first, then route.
  const server = await listen(app, options.port, host);
  const provider = createRealmProvider({
    baseUrl: server.url,
    realm,
    clients: [
      {
        clientId: options.credentials.keycloakClientId,
        clientSecret: options.credentials.keycloakClientSecret,
        redirectUris: options.redirectUris ?? DEFAULT_KEYCLOAK_REDIRECT_URIS,
        serviceAccountAdmin: true,
      },
    ],
  });
  app.use(loginRoutes(realm, provider));
  app.use(adminRoutes(realm, provider, [options.credentials.keycloakClientId]));
  app.use(`/realms/${realm.name}`, provider.callback());
  return server;
}
