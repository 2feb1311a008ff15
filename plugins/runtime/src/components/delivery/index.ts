export * from './selectors';
export { DeploymentChips, LastSyncChip } from './DeploymentChips';
