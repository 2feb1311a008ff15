export { readRuntimeExpiryConfig } from './expiryConfig';
export { DatabaseExpiryNotices } from './expiryNotices';
export { createResourceExpiryTask } from './resourceExpiryTask';
export { scheduleResourceExpiry } from './scheduleResourceExpiry';
