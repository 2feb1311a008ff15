export * from './types';
export {
  readRuntimeEnvironments,
  readHttpService,
} from './readRuntimeEnvironments';
export { readResourceNamePrefix } from './readResourceNamePrefix';
export {
  readRuntimeDeliveryServices,
  type RuntimeDeliveryServices,
} from './readRuntimeDeliveryServices';
export { readMaxResponseBytes } from './readMaxResponseBytes';
export { readKubeAI, DEFAULT_KUBEAI_NAMESPACE } from './readKubeAI';
