import { ApiServer, timestamp } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { ResourceType, resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import { queueKey, writeStatus } from './controllerSupport';

const EVENT_SOURCE = resourceOfKind('EventSource');
const SENSOR = resourceOfKind('Sensor');
const MANAGER = 'argo-events-controller-manager';

/** EventSource spec keys that are not event sources (everything else is a source type). */
const NON_SOURCE_KEYS = new Set([
  'eventBusName',
  'template',
  'service',
  'replicas',
]);

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/**
 * A stand-in for Argo Events' controller: validates an EventSource (has at least one source) or a
 * Sensor (has dependencies and triggers), and marks it `Deployed` once the start-up delay has
 * passed, with the condition types of `pkg/apis/events/v1alpha1` (`SourcesProvided`,
 * `DependenciesProvided`, `TriggersProvided`, `Deployed`), sorted by type as Argo Events sorts them.
 */
export class ArgoEventsController {
  /** `uid/generation` of objects whose simulated deployment is up. */
  private readonly deployed = new Set<string>();
  private readonly deploying = new Set<string>();

  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource !== EVENT_SOURCE && event.resource !== SENSOR) return;
    if (event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata!;
    this.runtime.enqueue(queueKey(event.resource, namespace, name!), () =>
      this.reconcile(event.resource, namespace!, name!),
    );
  }

  private reconcile(resource: ResourceType, namespace: string, name: string) {
    const object = this.api.store.get(resource, namespace, name);
    if (!object) return;
    const checks =
      resource === EVENT_SOURCE
        ? this.eventSourceChecks(object)
        : this.sensorChecks(object);
    const valid = checks.every(c => c.status === 'True');
    const revision = `${object.metadata!.uid}/${object.metadata!.generation}`;
    if (
      valid &&
      !this.deployed.has(revision) &&
      !this.deploying.has(revision)
    ) {
      this.deploying.add(revision);
      this.runtime.afterStartupDelay(`deploy:${revision}`, () => {
        this.deploying.delete(revision);
        this.deployed.add(revision);
        this.reconcile(resource, namespace, name);
      });
    }
    const deployed = valid && this.deployed.has(revision);
    const wanted: Array<Omit<Condition, 'lastTransitionTime'>> = [
      ...checks,
      deployed
        ? { type: 'Deployed', status: 'True' }
        : { type: 'Deployed', status: 'Unknown', reason: 'Unknown' },
    ];
    const previous: Condition[] = object.status?.conditions ?? [];
    const now = timestamp(new Date());
    const conditions = wanted
      .map(c => {
        const old = previous.find(p => p.type === c.type);
        return {
          ...c,
          lastTransitionTime:
            old && old.status === c.status ? old.lastTransitionTime : now,
        };
      })
      .sort((a, b) => a.type.localeCompare(b.type));
    writeStatus(
      this.api,
      resource,
      object,
      { ...object.status, conditions },
      MANAGER,
    );
  }

  private eventSourceChecks(
    object: KubernetesObject,
  ): Array<Omit<Condition, 'lastTransitionTime'>> {
    const sources = Object.keys(object.spec ?? {}).filter(
      k => !NON_SOURCE_KEYS.has(k),
    );
    return [
      sources.length > 0
        ? { type: 'SourcesProvided', status: 'True' }
        : {
            type: 'SourcesProvided',
            status: 'False',
            reason: 'InvalidEventSource',
            message: 'no event sources found',
          },
    ];
  }

  private sensorChecks(
    object: KubernetesObject,
  ): Array<Omit<Condition, 'lastTransitionTime'>> {
    const dependencies = object.spec?.dependencies;
    const triggers = object.spec?.triggers;
    return [
      Array.isArray(dependencies) && dependencies.length > 0
        ? { type: 'DependenciesProvided', status: 'True' }
        : {
            type: 'DependenciesProvided',
            status: 'False',
            reason: 'InvalidDependencies',
            message: 'no event dependencies found',
          },
      Array.isArray(triggers) && triggers.length > 0
        ? { type: 'TriggersProvided', status: 'True' }
        : {
            type: 'TriggersProvided',
            status: 'False',
            reason: 'InvalidTriggers',
            message: 'no triggers found',
          },
    ];
  }
}
