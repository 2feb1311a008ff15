export {
  AlertmanagerClient,
  alertmanagerEqualityMatcher,
} from './AlertmanagerClient';
export type {
  ListAlertsRequest,
  ObservabilityCallOptions,
  RuntimeAlert,
} from './types';
