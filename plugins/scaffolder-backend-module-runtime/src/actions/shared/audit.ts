import { JsonObject } from '@backstage/types';
import { withAuditEvent } from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeActionDeps } from './deps';
import { RuntimeActionRun } from './run';

/**
 * Runs `fn` inside an audit event `eventId` (severity medium) with `meta` (who, what, where: never a
 * secret value), marking it succeeded or failed. Without an auditor, just runs `fn`.
 */
export async function audited<T>(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  eventId: string,
  meta: JsonObject,
  fn: () => Promise<T>,
): Promise<T> {
  if (!deps.auditor) return fn();
  return withAuditEvent(
    deps.auditor,
    {
      eventId,
      meta: {
        ...meta,
        initiator: run.user?.ref ?? null,
        taskId: run.task?.id ?? null,
        dryRun: Boolean(run.isDryRun),
      },
    },
    fn,
  );
}
