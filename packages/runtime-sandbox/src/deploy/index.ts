export {
  loadShippedRbac,
  loadTeamNamespaceRbac,
  loadOpenBaoPortalPolicy,
  loadMinioPortalPolicy,
} from './deployFiles';
export type { ManifestObject } from './deployFiles';
export { PORTAL_IDENTITY } from './portalIdentity';
