export { ArgoCdClient } from './ArgoCdClient';
export { parseArgoCdError } from './parseArgoCdError';
export type {
  ArgoCdApplication,
  ArgoCdApplicationSource,
  ArgoCdCallOptions,
  ArgoCdHistoryEntry,
  ArgoCdOperationState,
  ArgoCdRequestedSync,
  ArgoCdSyncRequest,
} from './types';
