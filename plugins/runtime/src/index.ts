/**
 * Runtime Portal frontend plugin.
 *
 * @packageDocumentation
 */
export {
  runtimePlugin,
  RuntimePage,
  RuntimeObservabilityCard,
  RuntimeObservabilityContent,
  RuntimeDeliveryCard,
  RuntimeDeliveryContent,
  RuntimeResourceCard,
  RuntimeComponentStatusCard,
  RuntimeResourcesTableCard,
  RuntimeComponentAlertsCard,
  RuntimeVersionMatrixCard,
  RuntimeEnvironmentPickerFieldExtension,
} from './plugin';
export { isRuntimeResource, isRuntimeComponent } from './components/resources';
export { RuntimeEnvironmentPicker } from './scaffolder/RuntimeEnvironmentPicker';
export {
  isRuntimeObservabilityAvailable,
  isRuntimeDeliveryAvailable,
} from './conditions';
export type { RuntimeObservabilityCardProps } from './components/RuntimeObservabilityCard';
export type { RuntimeDeliveryCardProps } from './components/RuntimeDeliveryCard';
export type { RuntimeResourcesTableCardProps } from './components/hostedResources';
// Imported from its own file: the table card itself stays in its lazy chunk.
export { RuntimeResourcesReadAhead } from './components/hostedResources/RuntimeResourcesReadAhead';
export type { RuntimeResourcesReadAheadProps } from './components/hostedResources/RuntimeResourcesReadAhead';
export type { RuntimeVersionMatrixCardProps } from './components/platformView';
export * from './api';
