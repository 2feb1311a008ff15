import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';

/** The frontend page of one request (`/runtime/approvals/:id`). */
function approvalLink(approval: RuntimeApproval): string {
  return `/runtime/approvals/${encodeURIComponent(approval.id)}`;
}

/**
 * Tells people about approval requests with Backstage notifications: the approvers group about a new
 * request, the requester about the decision. A notification that cannot be sent is logged, never
 * fails the request or the decision.
 */
export class ApprovalNotices {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Tells the approvers (not the requester) that `approval` waits for them. */
  async requested(approval: RuntimeApproval): Promise<void> {
    await this.send(approval, {
      recipients: {
        type: 'entity',
        entityRef: approval.approvers,
        excludeEntityRef: approval.requestedBy,
      },
      payload: {
        title: `Approval needed: ${approval.action} for ${approval.service} in ${approval.environment}`,
        description: `${approval.summary} (requested by ${approval.requestedBy})`,
        link: approvalLink(approval),
        severity: 'high',
        topic: 'runtime-approvals',
        scope: `runtime-approval:${approval.id}`,
      },
    });
  }

  /** Tells the requester how `approval` was decided. */
  async decided(approval: RuntimeApproval): Promise<void> {
    await this.send(approval, {
      recipients: { type: 'entity', entityRef: approval.requestedBy },
      payload: {
        title: `Approval ${approval.status}: ${approval.action} for ${approval.service} in ${approval.environment}`,
        description: `${approval.decidedBy} ${approval.status} it${
          approval.comment ? `: ${approval.comment}` : ''
        }`,
        link: approvalLink(approval),
        severity: approval.status === 'approved' ? 'normal' : 'high',
        topic: 'runtime-approvals',
        scope: `runtime-approval:${approval.id}`,
      },
    });
  }

  private async send(
    approval: RuntimeApproval,
    options: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    try {
      await this.notifications.send(options);
    } catch (error) {
      this.logger.warn(
        `Could not send the notification about approval ${approval.id}: ${
          (error as Error).message
        }`,
      );
    }
  }
}
