export {
  loadShippedRbac,
  loadTeamNamespaceRbac,
  loadOpenBaoPortalPolicy,
  loadMinioPortalPolicy,
  loadPostgresPortalRole,
} from './deployFiles';
export type { ManifestObject } from './deployFiles';
export { PORTAL_IDENTITY } from './portalIdentity';
