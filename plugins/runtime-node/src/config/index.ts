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
