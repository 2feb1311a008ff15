import {
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  KubernetesKind,
  KubernetesObject,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ConflictError } from '@backstage/errors';
import {
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  requireRetirable,
} from '../shared';
import {
  deleteCheckedObject,
  deleteClaimedObject,
  readClaimedObject,
} from '../claimedObject';
import { eventBusNameOf, eventBusToRetire } from './eventBusRetirement';

/** What to retire: the workflow's names and claim, its catalog entity and `force`. */
export interface WorkflowRetirement {
  environment: string;
  owner: string;
  service: string;
  name: string;
  entityRef: string;
  force: boolean;
}

interface Removal {
  kind: KubernetesKind<any>;
  object: KubernetesObject;
  /** Deletes it (`dryRun`: has the API server validate that), re-checking on a retry. */
  remove(dryRun: boolean): Promise<boolean>;
}

/**
 * Retires an Argo Events workflow of `namespace`: its Sensor and EventSource (both claims checked
 * before anything is removed) and the EventBus the create made for it, when nothing else uses it
 * (`eventBusToRetire`). Each is deleted with the uid and resourceVersion that were checked as
 * preconditions, Sensor first, the EventBus last. A suspended workflow has no EventSource: its
 * Sensor goes, and with it the EventSource's record (`runtime:workflow:update`). Resolves what was
 * (on a dry run: would be) removed and the dependents.
 */
export async function retireArgoEventsWorkflow(
  deps: RuntimeActionDeps,
  run: RuntimeActionRun,
  namespace: string,
  retirement: WorkflowRetirement,
): Promise<Omit<RetirementOutput, 'entityRef'>> {
  const { environment, owner, name } = retirement;
  const kubernetes = deps.clients.client(environment, 'kubernetes');
  const context = {
    kubernetes,
    environment,
    claim: { owner, service: retirement.service },
    signal: run.signal,
  };
  // Both claims are checked before anything is removed.
  const sensor = await readClaimedObject(SENSOR_KIND, namespace, name, context);
  const eventSource = await readClaimedObject(
    EVENT_SOURCE_KIND,
    namespace,
    name,
    context,
  );
  const removals: Removal[] = [];
  for (const [kind, object] of [
    [SENSOR_KIND, sensor],
    [EVENT_SOURCE_KIND, eventSource],
  ] as const) {
    if (object) {
      removals.push({
        kind,
        object,
        remove: dryRun =>
          deleteClaimedObject(kind, object, { ...context, dryRun }),
      });
    }
  }
  if (removals.length === 0) {
    run.logger.info(
      `Neither an EventSource nor a Sensor ${namespace}/${name} exists in ${environment}: nothing to remove`,
    );
    return { removed: [], dependents: [] };
  }

  const busContext = {
    kubernetes,
    namespace,
    owner,
    workflowUids: removals.map(r => r.object.metadata.uid ?? ''),
    signal: run.signal,
  };
  for (const busName of new Set(removals.map(r => eventBusNameOf(r.object)))) {
    const { eventBus, keptBecause } = await eventBusToRetire(
      busName,
      busContext,
    );
    if (!eventBus) {
      run.logger.info(`Keeping the EventBus: ${keptBecause}`);
      continue;
    }
    removals.push({
      kind: EVENT_BUS_KIND,
      object: eventBus,
      // Checked again right before it goes (the workflow's objects are gone by then): still the
      // same EventBus, still the portal's for the owner, still unused; else it stays.
      remove: async dryRun => {
        const recheck = async () => {
          const now = await eventBusToRetire(busName, busContext);
          if (now.eventBus) return now.eventBus;
          run.logger.info(`Keeping the EventBus: ${now.keptBecause}`);
          return undefined;
        };
        const live = await recheck();
        if (!live) return false;
        if (live.metadata.uid !== eventBus.metadata.uid) {
          throw new ConflictError(
            `EventBus ${namespace}/${busName} in ${environment} was replaced while the workflow was being removed; run the step again`,
          );
        }
        return deleteCheckedObject(EVENT_BUS_KIND, live, {
          kubernetes,
          environment,
          signal: run.signal,
          dryRun,
          recheck,
        });
      },
    });
  }

  const dependents = await requireRetirable(deps, run, {
    subject: `Workflow ${namespace}/${name}`,
    entityRef: retirement.entityRef,
    force: retirement.force,
  });
  const describe = (removal: Removal) =>
    `Argo Events ${removal.kind.kind} ${namespace}/${removal.object.metadata.name}`;

  if (run.isDryRun) {
    const wouldRemove: string[] = [];
    for (const removal of removals) {
      if (await removal.remove(true)) wouldRemove.push(describe(removal));
    }
    run.logger.info(
      `Dry run: the API server accepted deleting ${wouldRemove.join(
        ', ',
      )}; nothing was removed`,
    );
    return { removed: wouldRemove, dependents };
  }
  const removed: string[] = [];
  for (const removal of removals) {
    const deleted = await run.checkpoint({
      key: `argo-events-delete.${environment}.${namespace}.${name}.${removal.kind.kind}.${removal.object.metadata.name}`,
      fn: () => removal.remove(false),
    });
    run.logger.info(
      deleted
        ? `Deleted ${describe(removal)}`
        : `${describe(removal)} was not removed (gone already, or kept)`,
    );
    if (deleted) removed.push(describe(removal));
  }
  return { removed, dependents };
}
