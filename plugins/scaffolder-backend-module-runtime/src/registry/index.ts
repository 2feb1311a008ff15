export { registerRuntimeActions } from './registerRuntimeActions';
