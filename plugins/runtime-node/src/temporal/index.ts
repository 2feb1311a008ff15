export { TemporalClient } from './TemporalClient';
export type {
  RegisterTemporalNamespaceRequest,
  TemporalCallOptions,
  TemporalNamespace,
  TemporalNamespaceState,
  TemporalNamespaceUpdate,
} from './types';
