import { RuntimeApprovalStatus } from '@runtime-portal/backstage-plugin-runtime-common';
import { StatusChip } from '../shared';
import { approvalStatusChip } from './approvalRules';

/** The status of an approval request as a readable chip. */
export function ApprovalStatusChip(props: { status: RuntimeApprovalStatus }) {
  const { label, tone } = approvalStatusChip(props.status);
  return <StatusChip label={label} tone={tone} />;
}
