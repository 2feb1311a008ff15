export { TemporalClient } from './TemporalClient';
export { parseTemporalError } from './parseTemporalError';
export type {
  RegisterTemporalNamespaceRequest,
  TemporalCallOptions,
  TemporalNamespace,
  TemporalNamespaceState,
} from './types';
