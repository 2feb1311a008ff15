import {
  AuditorService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { withAuditEvent } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  RuntimeApproval,
  RuntimeApprovalRequest,
  RuntimeApprovalStatus,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { Request } from 'express';
import { ApprovalStore } from './ApprovalStore';
import { ApprovalNotices } from './approvalNotices';

/** The services that may ask for an approval: the scaffolder, whose Runtime actions are gated. */
const REQUESTING_SERVICES = ['plugin:scaffolder'];

function principalSubject(
  credentials: BackstageCredentials,
): string | undefined {
  return (credentials.principal as { subject?: string } | undefined)?.subject;
}

/** The audit event id of every approval request and decision. */
const APPROVAL_AUDIT_EVENT = 'runtime-approval-decision';

/** Who asks: a service principal (sees everything), or a user with the groups they own through. */
type Caller =
  | { kind: 'service' }
  | { kind: 'user'; userEntityRef: string; ownershipEntityRefs: string[] };

/** A decision on one request. */
export interface ApprovalDecision {
  decision: 'approve' | 'reject';
  comment?: string;
}

/**
 * The approval requests of the Runtime actions: the scaffolder module creates them (a service
 * principal), a member of the approvers group who is not the requester decides (four eyes). Each
 * request and decision is audited; the approvers hear of a new request and the requester of the
 * decision through notifications.
 */
export class ApprovalsService {
  constructor(
    private readonly options: {
      store: ApprovalStore;
      userInfo: UserInfoService;
      auditor: AuditorService;
      notices: ApprovalNotices;
      timeoutMs: number;
    },
  ) {}

  /** Creates the request for `request.key` or returns the existing one; only a service principal may. */
  async create(
    credentials: BackstageCredentials,
    request: RuntimeApprovalRequest,
    httpRequest: Request,
  ): Promise<{ approval: RuntimeApproval; created: boolean }> {
    requireRequestingService(credentials, 'made');
    const { store, timeoutMs } = this.options;
    const existing = await store.create(request, timeoutMs);
    if (!existing.created) return existing;
    await this.audit(httpRequest, 'request', existing.approval);
    await this.options.notices.requested(existing.approval);
    return existing;
  }

  /** The requests the caller may decide or made (all for a service), optionally of one status. */
  async list(
    credentials: BackstageCredentials,
    status?: RuntimeApprovalStatus,
  ): Promise<RuntimeApproval[]> {
    const caller = await this.caller(credentials);
    if (caller.kind === 'service') {
      return this.options.store.list({ all: true, status });
    }
    return this.options.store.list({
      groups: caller.ownershipEntityRefs,
      requestedBy: caller.userEntityRef,
      status,
    });
  }

  /** The request `id`; a `NotFoundError` for one the caller may neither decide nor see. */
  async get(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<RuntimeApproval> {
    const caller = await this.caller(credentials);
    const approval = await this.options.store.get(id);
    if (!approval || !mayView(caller, approval)) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    return approval;
  }

  /**
   * Approves or rejects the request `id`: a `NotAllowedError` unless the caller is a member of its
   * approvers group and not its requester, a `ConflictError` once it is decided or expired.
   */
  async decide(
    credentials: BackstageCredentials,
    id: string,
    decision: ApprovalDecision,
    httpRequest: Request,
  ): Promise<RuntimeApproval> {
    const caller = await this.caller(credentials);
    if (caller.kind !== 'user') {
      throw new NotAllowedError(
        'Not allowed: only a signed-in user decides an approval request',
      );
    }
    const approval = await this.get(credentials, id);
    const actionType = decision.decision;
    return withAuditEvent(
      this.options.auditor,
      {
        eventId: APPROVAL_AUDIT_EVENT,
        request: httpRequest,
        meta: {
          actionType,
          ...auditMeta(approval),
          decidedBy: caller.userEntityRef,
        },
      },
      async () => {
        requireDecider(caller, approval);
        if (approval.status !== 'pending') {
          throw new ConflictError(
            `Approval request ${id} is already ${approval.status}`,
          );
        }
        const decided = await this.options.store.decide(id, {
          status: decision.decision === 'approve' ? 'approved' : 'rejected',
          by: caller.userEntityRef,
          comment: decision.comment,
        });
        if (!decided) {
          const now = await this.options.store.get(id);
          throw new ConflictError(
            `Approval request ${id} is already ${now?.status ?? 'gone'}`,
          );
        }
        await this.options.notices.decided(decided);
        return decided;
      },
    );
  }

  /**
   * Marks the approved request `id` used (single-use approval of an actions-registry call); only a
   * service principal may. A `ConflictError` when it is used already, not approved or expired.
   */
  async use(
    credentials: BackstageCredentials,
    id: string,
    httpRequest: Request,
  ): Promise<RuntimeApproval> {
    requireRequestingService(credentials, 'used');
    const approval = await this.get(credentials, id);
    return withAuditEvent(
      this.options.auditor,
      {
        eventId: APPROVAL_AUDIT_EVENT,
        request: httpRequest,
        meta: { actionType: 'use', ...auditMeta(approval) },
      },
      async () => {
        const used = await this.options.store.use(id);
        if (!used) {
          const now = await this.options.store.get(id);
          throw new ConflictError(
            now?.usedAt
              ? `Approval request ${id} was already used at ${now.usedAt}`
              : `Approval request ${id} is ${
                  now?.status ?? 'gone'
                }, not approved`,
          );
        }
        return used;
      },
    );
  }

  private async audit(
    httpRequest: Request,
    actionType: string,
    approval: RuntimeApproval,
  ): Promise<void> {
    const event = await this.options.auditor.createEvent({
      eventId: APPROVAL_AUDIT_EVENT,
      severityLevel: 'medium',
      request: httpRequest,
      meta: { actionType, ...auditMeta(approval) },
    });
    await event.success();
  }

  private async caller(credentials: BackstageCredentials): Promise<Caller> {
    if (principalType(credentials) === 'service') return { kind: 'service' };
    if (principalType(credentials) !== 'user') {
      throw new NotAllowedError(
        'Not allowed: sign in to see approval requests',
      );
    }
    const info = await this.options.userInfo.getUserInfo(credentials);
    return {
      kind: 'user',
      userEntityRef: info.userEntityRef.toLowerCase(),
      ownershipEntityRefs: info.ownershipEntityRefs.map(ref =>
        ref.toLowerCase(),
      ),
    };
  }
}

/** Only the Runtime actions (a service principal) make and use approval requests. */
function requireRequestingService(
  credentials: BackstageCredentials,
  what: 'made' | 'used',
): void {
  if (
    principalType(credentials) !== 'service' ||
    !REQUESTING_SERVICES.includes(principalSubject(credentials) ?? '')
  ) {
    throw new NotAllowedError(
      `Not allowed: approval requests are ${what} by the Runtime actions (${REQUESTING_SERVICES.join(
        ', ',
      )}), not by users or other services`,
    );
  }
}

/** `user`, `service` or `none`, from the credentials the HTTP auth service gave. */
function principalType(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { type?: string } | undefined)?.type;
}

function mayView(caller: Caller, approval: RuntimeApproval): boolean {
  if (caller.kind === 'service') return true;
  return (
    caller.ownershipEntityRefs.includes(approval.approvers) ||
    caller.userEntityRef === approval.requestedBy.toLowerCase()
  );
}

/** Four eyes: a member of the approvers group, and not the requester. */
function requireDecider(
  caller: Extract<Caller, { kind: 'user' }>,
  approval: RuntimeApproval,
): void {
  if (caller.userEntityRef === approval.requestedBy.toLowerCase()) {
    throw new NotAllowedError(
      `Not allowed: ${caller.userEntityRef} requested ${approval.id} and may not decide it (four eyes)`,
    );
  }
  if (!caller.ownershipEntityRefs.includes(approval.approvers)) {
    throw new NotAllowedError(
      `Not allowed: ${caller.userEntityRef} is not a member of ${approval.approvers}, who decide ${approval.id}`,
    );
  }
}

/** Who, what, where of a request for the audit log (the summary holds no secret). */
function auditMeta(approval: RuntimeApproval) {
  return {
    approvalId: approval.id,
    action: approval.action,
    environment: approval.environment,
    owner: approval.owner,
    service: approval.service,
    summary: approval.summary,
    requestedBy: approval.requestedBy,
    approvers: approval.approvers,
    taskId: approval.taskId ?? null,
  };
}
