export { ApprovalsClient, type ApprovalsApi } from './ApprovalsClient';
export { approvalGateFromConfig } from './approvalGateFromConfig';
