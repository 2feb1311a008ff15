import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConflictError,
  NotAllowedError,
  ResponseError,
} from '@backstage/errors';
import {
  RuntimeApprovalsConfig,
  approvalRuleFor,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  RuntimeApproval,
  RuntimeApprovalRequest,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { ApprovalsApi } from '../../approvals';
import { ProvisioningAccess } from './access';
import {
  approvalSummary,
  asksForGpu,
  registryApprovalKey,
  taskApprovalKey,
} from './approvalFacts';
import { ProvisioningInput } from './provisioningAction';
import { RuntimeActionRun } from './run';

/**
 * What the approval gate is built with (`RuntimeActionDeps.approvals`).
 *
 * @public
 */
export interface ApprovalGateDeps {
  /** `runtime.approvals`: which runs need a decision. */
  config: RuntimeApprovalsConfig;
  /** The runtime backend's approvals. */
  client: ApprovalsApi;
  /** How often a waiting task asks for the decision. Default 5 seconds. */
  pollIntervalMs?: number;
  /** The portal's base URL (`app.baseUrl`), for the link in the task log. */
  appBaseUrl?: string;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** How often a waiting task says again that it waits. */
const REMIND_EVERY_MS = 5 * 60_000;

/**
 * Asks for approval when a rule of `runtime.approvals` matches the run (action id, environment, GPU),
 * after every access check and before anything is written. In a scaffolder task it waits for the
 * decision (once per task: a resumed task does not ask again) and fails on a rejection or expiry; a
 * call through the actions registry does not wait: it fails with `Approval needed` until the same
 * caller's identical call finds the request approved, and uses that approval up (the next identical
 * call asks anew). A dry run only says who would have to approve.
 */
export async function requireApproval(
  actionId: string,
  gate: ApprovalGateDeps | undefined,
  run: RuntimeActionRun,
  input: ProvisioningInput,
  access: ProvisioningAccess,
): Promise<void> {
  if (!gate) return;
  const rule = approvalRuleFor(gate.config, {
    action: actionId,
    environment: input.environment,
    gpu: asksForGpu(input),
  });
  if (!rule) return;
  if (run.isDryRun) {
    run.logger.info(
      `Dry run: the real run of ${actionId} needs approval by ${rule.approvers}`,
    );
    return;
  }
  const request: Omit<RuntimeApprovalRequest, 'key'> = {
    action: actionId,
    environment: input.environment,
    owner: input.owner,
    service: input.service,
    summary: approvalSummary(actionId, input),
    requestedBy: access.caller.userEntityRef,
    approvers: rule.approvers,
  };
  if (run.task) {
    const taskId = run.task.id;
    await run.checkpoint({
      key: `runtime.approval.${actionId}`,
      fn: async () => {
        const approval = await waitForDecision(gate, run, {
          ...request,
          key: taskApprovalKey(actionId, taskId, run.step?.id),
          taskId,
        });
        return {
          approvalId: approval.id,
          decidedBy: approval.decidedBy ?? null,
        };
      },
    });
    return;
  }
  await useRegistryApproval(gate, run, {
    ...request,
    key: registryApprovalKey(actionId, request.requestedBy, input),
  });
}

/** How often a registry call finds its request again when its approval was used up meanwhile. */
const REGISTRY_ATTEMPTS = 2;

/**
 * Finds (or creates) the request of a registry call and uses its approval up, so that one decision
 * allows one call; a used request no longer holds its key, so the next identical call asks anew.
 * Fails with `Approval needed` while pending, and with a `NotAllowedError` once rejected or expired.
 */
async function useRegistryApproval(
  gate: ApprovalGateDeps,
  run: RuntimeActionRun,
  request: RuntimeApprovalRequest,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const approval = await gate.client.create(request, { signal: run.signal });
    if (approval.status === 'pending') {
      throw new NotAllowedError(
        `Approval needed: request ${approval.id} waits for ${
          approval.approvers
        }; call again once approved (${link(gate, approval)})`,
      );
    }
    requireApproved(approval);
    if (await useOnce(gate, run, approval)) return;
    if (attempt >= REGISTRY_ATTEMPTS) {
      throw new ConflictError(
        `Approval request ${approval.id} was used by another call meanwhile; call again to ask anew`,
      );
    }
  }
}

/** Uses the approved request up: `false` when it was used already (409), so a new one is needed. */
async function useOnce(
  gate: ApprovalGateDeps,
  run: RuntimeActionRun,
  approval: RuntimeApproval,
): Promise<boolean> {
  try {
    await gate.client.use(approval.id, { signal: run.signal });
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 409) {
      return false;
    }
    throw error;
  }
  run.logger.info(
    `Approved by ${approval.decidedBy} (request ${approval.id}, now used)`,
  );
  return true;
}

/** Creates (or finds) the task's request and waits until it is decided or expires. */
async function waitForDecision(
  gate: ApprovalGateDeps,
  run: RuntimeActionRun,
  request: RuntimeApprovalRequest,
): Promise<RuntimeApproval> {
  let approval = await gate.client.create(request, { signal: run.signal });
  let remindAt = 0;
  while (approval.status === 'pending') {
    if (Date.now() >= remindAt) {
      run.logger.info(
        `Waiting for approval by ${approval.approvers} (request ${
          approval.id
        }, until ${approval.expiresAt}): ${link(gate, approval)}`,
      );
      remindAt = Date.now() + REMIND_EVERY_MS;
    }
    await sleep(gate.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, undefined, {
      signal: run.signal,
    });
    try {
      approval = await gate.client.get(approval.id, { signal: run.signal });
    } catch (error) {
      if (run.signal?.aborted || Date.now() > Date.parse(approval.expiresAt)) {
        throw error;
      }
      run.logger.warn(
        `Could not read approval request ${approval.id}, asking again: ${
          (error as Error).message
        }`,
      );
    }
  }
  requireApproved(approval);
  run.logger.info(`Approved by ${approval.decidedBy} (request ${approval.id})`);
  return approval;
}

/** Throws a `NotAllowedError` for a rejected or expired request. */
function requireApproved(approval: RuntimeApproval): void {
  if (approval.status === 'approved') return;
  if (approval.status === 'rejected') {
    throw new NotAllowedError(
      `Not allowed: approval request ${approval.id} for ${
        approval.action
      } was rejected by ${approval.decidedBy}${
        approval.comment ? `: ${approval.comment}` : ''
      }`,
    );
  }
  throw new NotAllowedError(
    `Not allowed: approval request ${approval.id} for ${approval.action} expired at ${approval.expiresAt} without a decision by ${approval.approvers}`,
  );
}

function link(gate: ApprovalGateDeps, approval: RuntimeApproval): string {
  return `${gate.appBaseUrl ?? ''}/runtime/approvals/${encodeURIComponent(
    approval.id,
  )}`;
}
