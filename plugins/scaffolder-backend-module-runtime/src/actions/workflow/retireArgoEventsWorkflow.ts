import {
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  KubernetesKind,
  KubernetesObject,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ConflictError } from '@backstage/errors';
import {
  NothingLeft,
  ObjectRemoval,
  Remains,
  RetirementRun,
  objectRemains,
} from '../shared';
import {
  deleteCheckedObject,
  deleteClaimedObject,
  readClaimedObject,
} from '../claimedObject';
import { eventBusNameOf, eventBusToRetire } from './eventBusRetirement';
import type { WorkflowDeleteInput } from './workflowDelete';

interface Removal extends ObjectRemoval {
  object: KubernetesObject;
}

/**
 * What is left of an Argo Events workflow (engine `argo-events`): its Sensor and EventSource (both
 * claims checked before anything is removed) and the EventBus the create made for it, when nothing
 * else uses it (`eventBusToRetire`). Each is deleted with the uid and resourceVersion that were
 * checked as preconditions, Sensor first, the EventBus last. A suspended workflow has no
 * EventSource: its Sensor goes, and with it the EventSource's record (`runtime:workflow:update`).
 */
export async function argoEventsWorkflowRemains(
  retirement: RetirementRun<WorkflowDeleteInput>,
): Promise<Remains | NothingLeft> {
  const { deps, run, input, claim } = retirement;
  const { environment, name } = input;
  const namespace = input.argoEvents!.namespace;
  const kubernetes = deps.clients.client(environment, 'kubernetes');
  const context = { kubernetes, environment, claim, signal: run.signal };
  const removal = (
    kind: KubernetesKind<any>,
    object: KubernetesObject,
    remove: Removal['remove'],
  ): Removal => ({
    object,
    line: `Argo Events ${kind.kind} ${namespace}/${object.metadata.name}`,
    key: `argo-events-delete.${environment}.${namespace}.${name}.${kind.kind}.${object.metadata.name}`,
    remove,
  });
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
      removals.push(
        removal(kind, object, dryRun =>
          deleteClaimedObject(kind, object, { ...context, dryRun }),
        ),
      );
    }
  }
  if (removals.length === 0) {
    return {
      nothingLeft: `Neither an EventSource nor a Sensor ${namespace}/${name} exists in ${environment}`,
    };
  }

  const busContext = {
    kubernetes,
    namespace,
    owner: claim.owner,
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
    removals.push(
      removal(
        EVENT_BUS_KIND,
        eventBus,
        // Checked again right before it goes (the workflow's objects are gone by then): still the
        // same EventBus, still the portal's for the owner, still unused; else it stays.
        async dryRun => {
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
      ),
    );
  }

  return objectRemains(
    run,
    removals,
    'was not removed (gone already, or kept)',
  );
}
