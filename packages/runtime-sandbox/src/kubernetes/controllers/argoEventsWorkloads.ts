import { ApiServer } from '../ApiServer';
import { KubeApiError } from '../apiErrors';
import { KubernetesObject, clone, isPlainObject } from '../objects';
import { ResourceType, resourceOfKind } from '../resources';
import {
  OWNER_NAME_LABEL,
  SPEC_HASH_ANNOTATION,
  specHash,
} from './argoEventsStatus';
import { controllerReference } from './controllerSupport';

/**
 * The Deployment and Service Argo Events' controllers make for an EventSource or a Sensor (v1.9.11
 * `pkg/reconciler/eventsource/resource.go`, `pkg/reconciler/sensor/resource.go`): names, labels,
 * selectors, ports and owner references as upstream builds them; the container carries the image,
 * arguments and metrics port, not the encoded object and bus configuration upstream passes in its
 * environment.
 */

const DEPLOYMENT = resourceOfKind('Deployment');
const SERVICE = resourceOfKind('Service');

/** The image of Argo Events v1.9.11's `manifests/install.yaml` (`ARGO_EVENTS_IMAGE`). */
const ARGO_EVENTS_IMAGE = 'quay.io/argoproj/argo-events:v1.9.11';
/** `EventSourceMetricsPort` and `SensorMetricsPort`. */
const METRICS_PORT = 7777;

/** A step of the deployment that failed, with the reason and message upstream marks `Deployed` with. */
export class DeploymentFailure extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/** The name of an EventSource's Service: `<eventsource>-eventsource-svc`. */
const eventSourceServiceName = (eventSource: string) =>
  `${eventSource}-eventsource-svc`;

/** The labels (and Deployment selector) of what the controller makes for `object`. */
function adaptorLabels(
  resource: ResourceType,
  object: KubernetesObject,
): Record<string, string> {
  const name = object.metadata!.name!;
  return resource.kind === 'EventSource'
    ? {
        controller: 'eventsource-controller',
        'eventsource-name': name,
        [OWNER_NAME_LABEL]: name,
      }
    : {
        controller: 'sensor-controller',
        'sensor-name': name,
        [OWNER_NAME_LABEL]: name,
      };
}

function controlledBy(
  api: ApiServer,
  resource: ResourceType,
  owner: KubernetesObject,
): KubernetesObject | undefined {
  return api.store
    .all(resource, owner.metadata!.namespace)
    .find(o =>
      (o.metadata?.ownerReferences ?? []).some(
        ref => ref.controller && ref.uid === owner.metadata!.uid,
      ),
    );
}

/** Runs a write and turns an API error into the failure upstream reports for that step. */
function step<T>(reason: string, message: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof KubeApiError)
      throw new DeploymentFailure(reason, message);
    throw error;
  }
}

function desiredDeployment(
  resource: ResourceType,
  object: KubernetesObject,
): KubernetesObject {
  const spec = object.spec ?? {};
  const labels = adaptorLabels(resource, object);
  const template = isPlainObject(spec.template) ? spec.template : {};
  const eventSource = resource.kind === 'EventSource';
  const podSpec: Record<string, unknown> = {
    containers: [
      {
        name: 'main',
        image: ARGO_EVENTS_IMAGE,
        args: [eventSource ? 'eventsource-service' : 'sensor-service'],
        ports: [{ name: 'metrics', containerPort: METRICS_PORT }],
      },
    ],
  };
  if (template.serviceAccountName)
    podSpec.serviceAccountName = template.serviceAccountName;
  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      generateName: `${object.metadata!.name}-${
        eventSource ? 'eventsource' : 'sensor'
      }-`,
      labels: { ...object.metadata?.labels, ...labels },
      ownerReferences: [controllerReference(resource, object)],
    },
    spec: {
      selector: { matchLabels: labels },
      // GetReplicas: absent or below 1 means 1.
      replicas: Math.max(
        1,
        Number.isInteger(spec.replicas) ? spec.replicas : 1,
      ),
      template: {
        metadata: {
          labels: { ...template.metadata?.labels, ...labels },
          ...(template.metadata?.annotations
            ? { annotations: template.metadata.annotations }
            : {}),
        },
        spec: podSpec,
      },
    },
  };
  deployment.metadata!.annotations = {
    [SPEC_HASH_ANNOTATION]: specHash(deployment),
  };
  return deployment;
}

/**
 * Creates the Deployment of an EventSource or Sensor (`generateName` `<name>-eventsource-` or
 * `<name>-sensor-`), or updates its spec when the spec hash changed. Throws `DeploymentFailure`.
 */
export function ensureAdaptorDeployment(
  api: ApiServer,
  resource: ResourceType,
  object: KubernetesObject,
  manager: string,
) {
  const desired = desiredDeployment(resource, object);
  const namespace = object.metadata!.namespace;
  const existing = controlledBy(api, DEPLOYMENT, object);
  if (!existing) {
    step('CreateDeploymentFailed', 'Failed to create a deployment', () =>
      api.create(DEPLOYMENT, namespace, desired, { manager }),
    );
    return;
  }
  const hash = desired.metadata!.annotations![SPEC_HASH_ANNOTATION];
  if (existing.metadata?.annotations?.[SPEC_HASH_ANNOTATION] === hash) return;
  const updated = clone(existing);
  updated.spec = desired.spec;
  updated.metadata!.labels = desired.metadata!.labels;
  updated.metadata!.annotations = {
    ...updated.metadata!.annotations,
    [SPEC_HASH_ANNOTATION]: hash,
  };
  step('UpdateDeploymentFailed', 'Failed to update existing deployment', () =>
    api.replace(DEPLOYMENT, namespace, existing.metadata!.name!, updated, {
      manager,
    }),
  );
}

/** `buildService`: nothing without `spec.service.ports`. */
function desiredService(
  eventSource: KubernetesObject,
): KubernetesObject | undefined {
  const service = eventSource.spec?.service;
  if (
    !isPlainObject(service) ||
    !Array.isArray(service.ports) ||
    service.ports.length === 0
  ) {
    return undefined;
  }
  const resource = resourceOfKind('EventSource');
  const labels = adaptorLabels(resource, eventSource);
  const svc: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: eventSourceServiceName(eventSource.metadata!.name!),
      labels: {
        ...service.metadata?.labels,
        ...eventSource.metadata?.labels,
        ...labels,
      },
      annotations: { ...service.metadata?.annotations },
      ownerReferences: [controllerReference(resource, eventSource)],
    },
    spec: {
      ports: clone(service.ports),
      type: 'ClusterIP',
      ...(service.clusterIP ? { clusterIP: service.clusterIP } : {}),
      selector: labels,
    },
  };
  svc.metadata!.annotations![SPEC_HASH_ANNOTATION] = specHash(svc);
  return svc;
}

/**
 * Makes the EventSource's Service as upstream does: created when `spec.service.ports` is set,
 * deleted when it no longer is, deleted and created again when its spec hash changed. Throws
 * `DeploymentFailure`.
 */
export function ensureEventSourceService(
  api: ApiServer,
  eventSource: KubernetesObject,
  manager: string,
) {
  const namespace = eventSource.metadata!.namespace;
  const existing = controlledBy(api, SERVICE, eventSource);
  const desired = desiredService(eventSource);
  const remove = (reason: string, message: string) =>
    step(reason, message, () =>
      api.delete(SERVICE, namespace, existing!.metadata!.name!, {}),
    );
  if (!desired) {
    if (existing)
      remove('DeleteServiceFailed', 'Failed to delete existing service');
    return;
  }
  if (!existing) {
    step('CreateServiceFailed', 'Failed to create a service', () =>
      api.create(SERVICE, namespace, desired, { manager }),
    );
    return;
  }
  const hash = desired.metadata!.annotations![SPEC_HASH_ANNOTATION];
  if (existing.metadata?.annotations?.[SPEC_HASH_ANNOTATION] === hash) return;
  remove('DeleteServiceFailed', 'Failed to delete existing service');
  step('RecreateServiceFailed', 'Failed to re-create existing service', () =>
    api.create(SERVICE, namespace, desired, { manager }),
  );
}
