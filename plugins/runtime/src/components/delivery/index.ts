export * from './selectors';
export { DeploymentChips, LastSyncChip } from './DeploymentChips';
export { SyncButton, RetryPipelineButton } from './DeliveryActionButton';
export { FailedJobs } from './FailedJobs';
