export * from './types';
export { readRuntimeEnvironments } from './readRuntimeEnvironments';
export { readResourceNamePrefix } from './readResourceNamePrefix';
