import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject, isPlainObject } from '../objects';
import { ResourceType, resourceOfKind } from '../resources';
import { natsDependencyProblem } from '../validation/argoSensor';
import { ControllerRuntime } from './ControllerRuntime';
import {
  Condition,
  WantedCondition,
  conditionsFrom,
  isFalse,
  isReady,
  isTrue,
  isUnknown,
} from './argoEventsStatus';
import { queueKey, writeStatus } from './controllerSupport';
import {
  DeploymentFailure,
  ensureAdaptorDeployment,
  ensureEventSourceService,
} from './argoEventsWorkloads';

const EVENT_BUS = resourceOfKind('EventBus');
const EVENT_SOURCE = resourceOfKind('EventSource');
const SENSOR = resourceOfKind('Sensor');
const MANAGER = 'argo-events-controller-manager';

/** `DefaultEventBusName`: the bus of an object without `spec.eventBusName`. */
const DEFAULT_EVENT_BUS = 'default';

const eventBusNameOf = (object: KubernetesObject): string =>
  object.spec?.eventBusName || DEFAULT_EVENT_BUS;

/**
 * A stand-in for Argo Events' eventsource and sensor controllers (v1.9.11
 * `pkg/reconciler/eventsource`, `pkg/reconciler/sensor`). The sandbox's admission already ran
 * `ValidateEventSource` and `ValidateSensor`, so the controller reports `SourcesProvided`, or
 * `DependenciesProvided`/`TriggersProvided`, and then looks for the EventBus named by
 * `spec.eventBusName` (default `default`): without it `Deployed` is False `EventBusNotFound`
 * ("EventBus not found."), while it is not ready False `EventBusNotReady`. Once it is ready, after the
 * start-up delay, the controller makes the Deployment (`<name>-eventsource-…`/`<name>-sensor-…`) and,
 * for an EventSource with `spec.service.ports`, the Service `<name>-eventsource-svc`, both owned by
 * the object, and marks it `Deployed`. Changes of an EventBus re-reconcile its namespace's objects.
 */
export class ArgoEventsController {
  /** `uid/generation` of objects whose simulated start-up delay has passed. */
  private readonly started = new Set<string>();
  private readonly starting = new Set<string>();

  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    const { namespace, name } = event.object.metadata!;
    if (event.resource === EVENT_BUS) {
      for (const resource of [EVENT_SOURCE, SENSOR]) {
        for (const object of this.api.store.all(resource, namespace)) {
          if (eventBusNameOf(object) === name) this.queue(resource, object);
        }
      }
      return;
    }
    if (event.resource !== EVENT_SOURCE && event.resource !== SENSOR) return;
    if (event.type !== 'DELETED') this.queue(event.resource, event.object);
  }

  private queue(resource: ResourceType, object: KubernetesObject) {
    const { namespace, name } = object.metadata!;
    this.runtime.enqueue(queueKey(resource, namespace, name!), () =>
      this.reconcile(resource, namespace!, name!),
    );
  }

  private reconcile(resource: ResourceType, namespace: string, name: string) {
    const object = this.api.store.get(resource, namespace, name);
    if (!object || object.metadata?.deletionTimestamp) return;
    const bus = this.api.store.get(
      EVENT_BUS,
      namespace,
      eventBusNameOf(object),
    );
    const provided =
      resource === EVENT_SOURCE
        ? [isTrue('SourcesProvided')]
        : this.sensorChecks(object, bus);
    const valid = provided.every(c => c.status === 'True');
    let deployed: WantedCondition;
    if (!bus) {
      deployed = isFalse('Deployed', 'EventBusNotFound', 'EventBus not found.');
    } else if (!valid) {
      deployed = isUnknown('Deployed');
    } else if (!isReady(bus.status)) {
      deployed = isFalse('Deployed', 'EventBusNotReady', 'EventBus not ready.');
    } else {
      deployed = this.deploy(resource, object);
    }
    const conditions = conditionsFrom(
      object.status?.conditions as Condition[] | undefined,
      [...provided, deployed],
    );
    writeStatus(
      this.api,
      resource,
      object,
      { ...object.status, conditions },
      MANAGER,
    );
  }

  /** `InitConditions` then `ValidateSensor`, which runs only once the EventBus is found. */
  private sensorChecks(
    sensor: KubernetesObject,
    bus: KubernetesObject | undefined,
  ): WantedCondition[] {
    if (!bus) {
      return [isUnknown('DependenciesProvided'), isUnknown('TriggersProvided')];
    }
    const problem = natsDependencyProblem(sensor, bus);
    if (problem) {
      return [
        isFalse('DependenciesProvided', 'InvalidDependencies', problem),
        isUnknown('TriggersProvided'),
      ];
    }
    return [isTrue('DependenciesProvided'), isTrue('TriggersProvided')];
  }

  /** Makes the object's Deployment (and Service) once its start-up delay has passed. */
  private deploy(
    resource: ResourceType,
    object: KubernetesObject,
  ): WantedCondition {
    const revision = `${object.metadata!.uid}/${object.metadata!.generation}`;
    if (!this.started.has(revision)) {
      if (!this.starting.has(revision)) {
        this.starting.add(revision);
        this.runtime.afterStartupDelay(`deploy:${revision}`, () => {
          this.starting.delete(revision);
          this.started.add(revision);
          this.queue(resource, object);
        });
      }
      return isUnknown('Deployed');
    }
    try {
      ensureAdaptorDeployment(this.api, resource, object, MANAGER);
      if (resource === EVENT_SOURCE && isPlainObject(object.spec)) {
        ensureEventSourceService(this.api, object, MANAGER);
      }
    } catch (error) {
      if (error instanceof DeploymentFailure) {
        return isFalse('Deployed', error.reason, error.message);
      }
      throw error;
    }
    return isTrue('Deployed');
  }
}
