export { readRuntimeExpiryConfig } from './expiryConfig';
export type { RuntimeExpiryConfig } from './expiryConfig';
export { DatabaseExpiryNotices } from './expiryNotices';
export type { ExpiryNotices } from './expiryNotices';
export { createResourceExpiryTask } from './resourceExpiryTask';
export type {
  ResourceExpiryDeps,
  ResourceExpirySummary,
} from './resourceExpiryTask';
export {
  RESOURCE_EXPIRY_TASK_ID,
  scheduleResourceExpiry,
} from './scheduleResourceExpiry';
