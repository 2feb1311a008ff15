export {
  AlertmanagerClient,
  alertmanagerEqualityMatcher,
} from './AlertmanagerClient';
export { httpServiceHeaders, parseTextError } from './httpServiceHeaders';
export type {
  ListAlertsRequest,
  ObservabilityCallOptions,
  RuntimeAlert,
} from './types';
