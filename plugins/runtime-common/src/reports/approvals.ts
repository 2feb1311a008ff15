/**
 * Where an approval request stands. `expired` is a pending request whose timeout has passed.
 *
 * @public
 */
export type RuntimeApprovalStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired';

/**
 * What the scaffolder module asks the runtime backend for (`POST /api/runtime/approvals`). `key`
 * makes it idempotent: the same key returns the existing request. `summary` never holds a secret.
 *
 * @public
 */
export interface RuntimeApprovalRequest {
  key: string;
  /** The action id, e.g. `runtime:bucket:delete`. */
  action: string;
  environment: string;
  /** The owning team's group ref. */
  owner: string;
  service: string;
  /** One human-readable line: what would be done (never a secret value). */
  summary: string;
  /** The user entity ref of who ran the action. */
  requestedBy: string;
  /** The group entity ref whose members decide. */
  approvers: string;
  /** The scaffolder task that waits for the decision, if any. */
  taskId?: string;
}

/**
 * One approval request as `/api/runtime/approvals` answers it (ISO 8601 timestamps).
 *
 * @public
 */
export interface RuntimeApproval extends RuntimeApprovalRequest {
  id: string;
  requestedAt: string;
  /** When a pending request expires. */
  expiresAt: string;
  status: RuntimeApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  /** The decider's comment, shown to the requester. */
  comment?: string;
  /** When the approval was used (an actions-registry call's approval is single-use). */
  usedAt?: string;
}

/**
 * A decision on a pending request (`POST /api/runtime/approvals/:id/decision`).
 *
 * @public
 */
export type RuntimeApprovalDecision = 'approve' | 'reject';

/**
 * The answer of `GET /api/runtime/approvals`: the requests the caller may decide or made.
 *
 * @public
 */
export interface RuntimeApprovalList {
  items: RuntimeApproval[];
}
