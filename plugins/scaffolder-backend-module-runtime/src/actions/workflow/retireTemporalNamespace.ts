import {
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  NothingLeft,
  Remains,
  RetirementRun,
  requireSameClaim,
} from '../shared';
import type { WorkflowDeleteInput } from './workflowDelete';

/**
 * What is left of a Temporal workflow (engine `temporal`): the namespace its create registered, once
 * its recorded claim (the namespace's `owner` and `service` data) is checked. Temporal's HTTP API can
 * only mark a namespace deleted (`TemporalClient.markNamespaceDeleted`): Temporal then refuses calls
 * in it and stops listing it, and its name stays taken. A namespace that is absent or deleted already
 * is nothing left.
 */
export async function temporalNamespaceRemains(
  retirement: RetirementRun<WorkflowDeleteInput>,
): Promise<Remains | NothingLeft> {
  const { deps, run, input, claim } = retirement;
  const { environment, name } = input;
  const temporal = deps.clients.client(environment, 'temporal');
  const subject = `Temporal namespace ${name}`;
  const existing = await temporal.describeNamespace(name, {
    signal: run.signal,
  });
  if (!existing || existing.state === 'Deleted') {
    return {
      nothingLeft: `${subject} ${
        existing ? 'is deleted already' : 'does not exist'
      } in ${environment}`,
    };
  }
  requireSameClaim(
    `${subject} in ${environment}`,
    {
      owner: existing.data[RUNTIME_OWNER_METADATA_KEY],
      service: existing.data[RUNTIME_SERVICE_METADATA_KEY],
    },
    claim,
  );
  return {
    async preview() {
      run.logger.info(
        `Dry run: would mark ${subject} deleted; nothing was changed`,
      );
      return [subject];
    },
    async remove() {
      await run.checkpoint({
        key: `temporal-namespace-delete.${environment}.${name}`,
        fn: () => temporal.markNamespaceDeleted(name, { signal: run.signal }),
      });
      run.logger.info(
        `Marked ${subject} deleted: Temporal refuses calls in it and no longer lists it; its name stays taken`,
      );
      return [subject];
    },
  };
}
