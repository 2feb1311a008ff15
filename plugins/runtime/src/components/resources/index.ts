export { RuntimeResourceCard } from './RuntimeResourceCard';
export { RuntimeInferenceEndpointCard } from './RuntimeInferenceEndpointCard';
export { RuntimeBucketCard } from './RuntimeBucketCard';
export { RuntimeSecretCard } from './RuntimeSecretCard';
export { RuntimeWorkflowCard } from './RuntimeWorkflowCard';
export { RuntimeComponentStatusCard } from './RuntimeComponentStatusCard';
export {
  isRuntimeResource,
  isRuntimeComponent,
  RUNTIME_COMPONENT_TYPE,
} from './runtimeEntities';
export { useRuntimeResourceDetails } from './useRuntimeResourceDetails';
export { InstallationChip } from './InstallationChip';
export {
  installationStatus,
  annotatedEnvironments,
  INSTALLATION_STATES,
} from './installationStatus';
export type {
  InstallationState,
  InstallationStatus,
} from './installationStatus';
