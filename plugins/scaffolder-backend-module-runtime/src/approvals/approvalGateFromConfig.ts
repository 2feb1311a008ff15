import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readRuntimeApprovals } from '@runtime-portal/backstage-plugin-runtime-node';
import type { ApprovalGateDeps } from '../actions/shared/approvalGate';
import { ApprovalsClient } from './ApprovalsClient';

/**
 * The approval gate of the Runtime actions from `runtime.approvals`, calling the runtime backend
 * through discovery with the module's own credentials; `undefined` when no rule is configured.
 */
export function approvalGateFromConfig(
  config: Config,
  services: { discovery: DiscoveryService; auth: AuthService },
): ApprovalGateDeps | undefined {
  const approvals = readRuntimeApprovals(config);
  if (approvals.rules.length === 0) return undefined;
  return {
    config: approvals,
    client: new ApprovalsClient(services),
    appBaseUrl: config.getOptionalString('app.baseUrl')?.replace(/\/+$/, ''),
  };
}
