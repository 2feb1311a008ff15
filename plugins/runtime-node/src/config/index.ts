export * from './types';
export { readRuntimeEnvironments } from './readRuntimeEnvironments';
export { readResourceNamePrefix } from './readResourceNamePrefix';
export {
  readRuntimeDeliveryServices,
  type RuntimeDeliveryServices,
} from './readRuntimeDeliveryServices';
export { readKubeAI, DEFAULT_KUBEAI_NAMESPACE } from './readKubeAI';
export {
  readRoutes,
  isDnsName,
  DEFAULT_ROUTE_GATEWAY_NAMESPACE,
  DEFAULT_ROUTE_GATEWAY_SERVICE,
} from './readRoutes';
export { readPostgres, DEFAULT_POSTGRES_PORT } from './readPostgres';
