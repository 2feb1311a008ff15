export * from './types';
export { readRuntimeEnvironments } from './readRuntimeEnvironments';
export { readResourceNamePrefix } from './readResourceNamePrefix';
export {
  readRuntimeDeliveryServices,
  type RuntimeDeliveryServices,
} from './readRuntimeDeliveryServices';
export { readKubeAI, DEFAULT_KUBEAI_NAMESPACE } from './readKubeAI';
