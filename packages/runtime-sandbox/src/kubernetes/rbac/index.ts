export { requestAttributes } from './requestAttributes';
export {
  rbacAllows,
  forbiddenRequest,
  forbiddenCreateOnUpdate,
} from './authorizer';
export { CLUSTER_ADMIN_USER, serviceAccountUser } from './identities';
export type { UserInfo } from './identities';
export { seedRbac } from './seedRbac';
