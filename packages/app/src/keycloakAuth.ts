import {
  ApiRef,
  BackstageIdentityApi,
  configApiRef,
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/core-plugin-api';
import { OAuth2 } from '@backstage/core-app-api';

/** Sign-in through Keycloak: the backend's `oidc` provider (auth.providers.oidc). */
const keycloakAuthApiRef: ApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
> = createApiRef({ id: 'auth.keycloak' });

/** The Keycloak sign-in API, in the environment `auth.environment` names. */
export const keycloakAuthApiFactory = createApiFactory({
  api: keycloakAuthApiRef,
  deps: {
    discoveryApi: discoveryApiRef,
    oauthRequestApi: oauthRequestApiRef,
    configApi: configApiRef,
  },
  factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
    OAuth2.create({
      configApi,
      discoveryApi,
      oauthRequestApi,
      provider: { id: 'oidc', title: 'Keycloak', icon: () => null },
      environment: configApi.getOptionalString('auth.environment'),
      defaultScopes: ['openid', 'profile', 'email'],
    }),
});

/** The sign-in page's Keycloak card. */
export const keycloakSignInProvider = {
  id: 'keycloak',
  title: 'Keycloak',
  message: 'Sign in with your Runtime account',
  apiRef: keycloakAuthApiRef,
};
