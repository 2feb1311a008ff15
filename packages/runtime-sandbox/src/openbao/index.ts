export { startOpenBaoServer } from './startOpenBaoServer';
export {
  servicePolicyName,
  serviceRoleName,
  OWNER_METADATA_KEY,
  SERVICE_METADATA_KEY,
  SEEDED_ROLE_TOKEN_TTL_SECONDS,
} from './seedOpenBao';
export { KV_MOUNT } from './kvRoutes';
export { KUBERNETES_AUTH_MOUNT } from './authRoutes';
