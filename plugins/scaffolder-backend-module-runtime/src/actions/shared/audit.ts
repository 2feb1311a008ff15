import { JsonObject } from '@backstage/types';
import { withAuditEvent } from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeActionDeps } from './deps';
import { RuntimeActionRun, systemReasonOf } from './run';

/**
 * Runs `fn` inside an audit event `eventId` (severity medium) with `meta` (who, what, where: never a
 * secret value), marking it succeeded or failed; a run the portal makes itself (`systemRun`) is
 * recorded with initiator `system`, `system: true` and its reason. Without an auditor, just runs `fn`.
 */
export async function audited<T>(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  eventId: string,
  meta: JsonObject,
  fn: () => Promise<T>,
): Promise<T> {
  if (!deps.auditor) return fn();
  const system = systemReasonOf(run);
  return withAuditEvent(
    deps.auditor,
    {
      eventId,
      meta: {
        ...meta,
        initiator: run.user?.ref ?? null,
        taskId: run.task?.id ?? null,
        dryRun: Boolean(run.isDryRun),
        ...(system ? { system: true, reason: system.reason } : {}),
      },
    },
    fn,
  );
}

/**
 * Records a run refused before it provisioned anything as a failed audit event `eventId` (the same
 * event a run that goes ahead records), with `meta` and the refusal as its error.
 */
export async function auditRefusal(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  eventId: string,
  refusal: Error,
  meta: JsonObject,
): Promise<void> {
  await audited(run, deps, eventId, { ...meta, refused: true }, () =>
    Promise.reject(refusal),
  ).catch(() => undefined);
}
