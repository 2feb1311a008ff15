export * from './types';
export { readRuntimeEnvironments } from './readRuntimeEnvironments';
