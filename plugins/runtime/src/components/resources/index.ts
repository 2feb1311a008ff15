export { RuntimeResourceCard } from './RuntimeResourceCard';
export { RuntimeComponentStatusCard } from './RuntimeComponentStatusCard';
export {
  isRuntimeResource,
  isRuntimeComponent,
  RUNTIME_COMPONENT_TYPE,
} from './runtimeEntities';
export { InstallationChip } from './InstallationChip';
export { installationStatus } from './installationStatus';
