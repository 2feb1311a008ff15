export {
  startKeycloakServer,
  SANDBOX_KEYCLOAK_REALM,
  DEFAULT_KEYCLOAK_REDIRECT_URIS,
} from './startKeycloakServer';
export type { KeycloakServerOptions } from './startKeycloakServer';
export { CookieJar, openKeycloakLogin } from './browserLogin';
export type { KeycloakBrowserLogin } from './browserLogin';
