export { ApprovalsListContent } from './ApprovalsListContent';
export { ApprovalContent } from './ApprovalContent';
export { ApprovalRoute } from './ApprovalRoute';
export { ApprovalsHeaderLink } from './ApprovalsHeaderLink';
