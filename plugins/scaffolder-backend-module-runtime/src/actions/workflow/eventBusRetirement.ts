import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_SERVICE_LABEL,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoEventBus,
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  KubernetesClient,
  KubernetesObject,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { DEFAULT_EVENT_BUS_NAME } from './eventBus';

const MANAGED_BY = 'app.kubernetes.io/managed-by';

/** The EventBus an EventSource or Sensor uses: its `spec.eventBusName`, else `default`. */
export function eventBusNameOf(object: KubernetesObject): string {
  const spec = object.spec as { eventBusName?: string } | undefined;
  return spec?.eventBusName || DEFAULT_EVENT_BUS_NAME;
}

/** Where to look for an EventBus that a retired workflow's objects used. */
export interface EventBusRetirementContext {
  kubernetes: KubernetesClient;
  namespace: string;
  /** The owning team, which the EventBus must record as `workflowCreate` does. */
  owner: string;
  /** The uids of the workflow's own EventSource and Sensor, which do not count as users. */
  workflowUids: string[];
  signal?: AbortSignal;
}

/**
 * Whether the EventBus `name` goes with the workflow: resolves it when it exists, the portal made it
 * for the owner (as `workflowCreate` does with `runtime.workflows.createDefaultEventBus`: labelled
 * managed by `runtime-portal`, with the owner and no service) and no EventSource or Sensor of the
 * namespace but the workflow's uses it. Otherwise resolves `undefined` and why it stays, for the log.
 */
export async function eventBusToRetire(
  name: string,
  context: EventBusRetirementContext,
): Promise<{ eventBus?: ArgoEventBus; keptBecause?: string }> {
  const { kubernetes, namespace, signal } = context;
  const subject = `EventBus ${namespace}/${name}`;
  const eventBus = await kubernetes.get(EVENT_BUS_KIND, namespace, name, {
    signal,
  });
  if (!eventBus) return { keptBecause: `${subject} does not exist` };
  const labels = eventBus.metadata.labels ?? {};
  if (
    labels[MANAGED_BY] !== 'runtime-portal' ||
    labels[RUNTIME_OWNER_LABEL] !== context.owner ||
    labels[RUNTIME_SERVICE_LABEL] !== undefined
  ) {
    return {
      keptBecause: `${subject} was not made by the portal for ${context.owner}`,
    };
  }
  const users = await otherUsers(name, context);
  if (users.length > 0) {
    return { keptBecause: `${subject} is still used by ${users.join(', ')}` };
  }
  return { eventBus };
}

/** The EventSources and Sensors of the namespace, other than the workflow's, that use `name`. */
async function otherUsers(
  name: string,
  context: EventBusRetirementContext,
): Promise<string[]> {
  const users: string[] = [];
  for (const kind of [EVENT_SOURCE_KIND, SENSOR_KIND]) {
    for await (const object of context.kubernetes.listAll<KubernetesObject>(
      kind,
      { namespace: context.namespace, signal: context.signal },
    )) {
      if (
        !context.workflowUids.includes(object.metadata.uid ?? '') &&
        eventBusNameOf(object) === name
      ) {
        users.push(`${kind.kind} ${object.metadata.name}`);
      }
    }
  }
  return users.sort();
}
