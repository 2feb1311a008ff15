export { ApprovalsListContent } from './ApprovalsListContent';
export { ApprovalRoute } from './ApprovalRoute';
export { ApprovalsHeaderLink } from './ApprovalsHeaderLink';
