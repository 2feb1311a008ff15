export { ArgoCdClient } from './ArgoCdClient';
export type {
  ArgoCdApplication,
  ArgoCdApplicationManifest,
  ArgoCdApplicationSource,
  ArgoCdCallOptions,
  ArgoCdCreateOptions,
  ArgoCdHistoryEntry,
  ArgoCdOperationState,
  ArgoCdRequestedSync,
  ArgoCdSyncPolicy,
  ArgoCdSyncRequest,
} from './types';
