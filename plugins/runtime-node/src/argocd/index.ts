export { ArgoCdClient } from './ArgoCdClient';
export type {
  ArgoCdApplication,
  ArgoCdApplicationSource,
  ArgoCdCallOptions,
  ArgoCdHistoryEntry,
  ArgoCdOperationState,
  ArgoCdRequestedSync,
  ArgoCdSyncRequest,
} from './types';
