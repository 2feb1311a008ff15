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
} from './plugin';
export {
  isRuntimeObservabilityAvailable,
  isRuntimeDeliveryAvailable,
} from './conditions';
export type { RuntimeObservabilityCardProps } from './components/RuntimeObservabilityCard';
export type { RuntimeDeliveryCardProps } from './components/RuntimeDeliveryCard';
export * from './api';
