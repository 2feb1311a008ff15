import {
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  requireRetirable,
  requireSameClaim,
} from '../shared';
import { WorkflowRetirement } from './retireArgoEventsWorkflow';

/**
 * Retires a Temporal workflow: the namespace its create registered, once its recorded claim (the
 * namespace's `owner` and `service` data) is checked. Temporal's HTTP API can only mark a namespace
 * deleted (`TemporalClient.markNamespaceDeleted`): Temporal then refuses calls in it and stops
 * listing it, and its name stays taken. A namespace that is absent or deleted already is nothing to
 * remove.
 */
export async function retireTemporalNamespace(
  deps: RuntimeActionDeps,
  run: RuntimeActionRun,
  retirement: WorkflowRetirement,
): Promise<Omit<RetirementOutput, 'entityRef'>> {
  const { environment, name } = retirement;
  const temporal = deps.clients.client(environment, 'temporal');
  const subject = `Temporal namespace ${name}`;
  const existing = await temporal.describeNamespace(name, {
    signal: run.signal,
  });
  if (!existing || existing.state === 'Deleted') {
    run.logger.info(
      `${subject} ${
        existing ? 'is deleted already' : 'does not exist'
      } in ${environment}: nothing to remove`,
    );
    return { removed: [], dependents: [] };
  }
  requireSameClaim(
    `${subject} in ${environment}`,
    {
      owner: existing.data[RUNTIME_OWNER_METADATA_KEY],
      service: existing.data[RUNTIME_SERVICE_METADATA_KEY],
    },
    { owner: retirement.owner, service: retirement.service },
  );
  const dependents = await requireRetirable(deps, run, {
    subject: `Workflow ${name}`,
    entityRef: retirement.entityRef,
    force: retirement.force,
  });
  if (run.isDryRun) {
    run.logger.info(
      `Dry run: would mark ${subject} deleted; nothing was changed`,
    );
    return { removed: [subject], dependents };
  }
  await run.checkpoint({
    key: `temporal-namespace-delete.${environment}.${name}`,
    fn: () => temporal.markNamespaceDeleted(name, { signal: run.signal }),
  });
  run.logger.info(
    `Marked ${subject} deleted: Temporal refuses calls in it and no longer lists it; its name stays taken`,
  );
  return { removed: [subject], dependents };
}
