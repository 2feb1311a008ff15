import {
  RuntimeApproval,
  RuntimeApprovalStatus,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { Tone } from '../shared';

/** Who the signed-in user is: their user entity ref and the refs they own through (their groups). */
export interface ApprovalViewer {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Whether `viewer` may decide `approval`, as the runtime backend decides it: a pending request, the
 * viewer a member of its approvers group, and not its requester (four eyes).
 */
export function canDecide(
  approval: RuntimeApproval,
  viewer: ApprovalViewer | undefined,
): boolean {
  if (!viewer || approval.status !== 'pending') return false;
  if (same(approval.requestedBy, viewer.userEntityRef)) return false;
  return viewer.ownershipEntityRefs.some(ref => same(ref, approval.approvers));
}

/** Whether `viewer` made `approval`. */
export function isRequester(
  approval: RuntimeApproval,
  viewer: ApprovalViewer | undefined,
): boolean {
  return !!viewer && same(approval.requestedBy, viewer.userEntityRef);
}

/** The chip of a status: approved is ok, rejected an error, pending waits (info), expired is neutral. */
export function approvalStatusChip(status: RuntimeApprovalStatus): {
  label: string;
  tone: Tone;
} {
  switch (status) {
    case 'approved':
      return { label: 'Approved', tone: 'ok' };
    case 'rejected':
      return { label: 'Rejected', tone: 'error' };
    case 'expired':
      return { label: 'Expired', tone: 'neutral' };
    case 'pending':
    default:
      return { label: 'Pending', tone: 'info' };
  }
}
