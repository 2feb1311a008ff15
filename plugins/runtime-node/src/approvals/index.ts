export {
  readRuntimeApprovals,
  approvalRuleFor,
  type RuntimeApprovalRule,
  type RuntimeApprovalsConfig,
  type RuntimeApprovalFacts,
} from './readRuntimeApprovals';
