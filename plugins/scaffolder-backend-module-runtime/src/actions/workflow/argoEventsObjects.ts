import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  SENSOR_KIND,
  apiVersionOf,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { claimLabels } from '../claimedObject';

/** Where events come from. */
type ArgoEventsSourceInput =
  | { type: 'webhook'; endpoint?: string; port: number; method: string }
  | { type: 'calendar'; schedule?: string; interval?: string }
  | {
      type: 'minio';
      bucket: string;
      events: string[];
      credentialsSecret: string;
    };

/** What an event starts. */
export type ArgoEventsTriggerInput =
  | { type: 'http'; url: string; method: string }
  | {
      type: 'k8s';
      operation: 'create' | 'update' | 'patch';
      resource: Record<string, unknown>;
      serviceAccountName?: string;
    };

/** What the EventSource and Sensor of one workflow are made from. */
export interface ArgoEventsWorkflowSpec {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** Annotations of both objects, e.g. the workflow's expiry (`runtime-portal.io/expires-at`). */
  annotations?: Record<string, string>;
  source: ArgoEventsSourceInput;
  trigger: ArgoEventsTriggerInput;
  /** The object storage endpoint, for a `minio` source. */
  objectStorageEndpoint?: string;
  /** The EventBus both objects use, when not Argo Events' `default`. */
  eventBusName?: string;
}

const DEPENDENCY = 'event';

/** The labels of a workflow's EventSource and Sensor: its claim, and managed by the portal. */
export function workflowObjectLabels(
  claim: ResourceClaim,
): Record<string, string> {
  return {
    ...claimLabels(claim),
    'app.kubernetes.io/managed-by': 'runtime-portal',
  };
}

/**
 * The Argo Events `EventSource` of a workflow: one source, named like the workflow. A webhook
 * declares `spec.service.ports` (the webhook's port on both sides), as Argo Events' webhook example
 * does, so that its controller makes the Service `<name>-eventsource-svc` that reaches the webhook.
 */
export function eventSourceObject(
  spec: Omit<ArgoEventsWorkflowSpec, 'trigger'>,
): ArgoEventSource {
  const { source, name } = spec;
  let sourceSpec: Record<string, unknown>;
  switch (source.type) {
    case 'webhook':
      sourceSpec = {
        service: { ports: [{ port: source.port, targetPort: source.port }] },
        webhook: {
          [name]: {
            port: String(source.port),
            endpoint: source.endpoint ?? `/${name}`,
            method: source.method,
          },
        },
      };
      break;
    case 'calendar':
      sourceSpec = {
        calendar: {
          [name]: source.schedule
            ? { schedule: source.schedule }
            : { interval: source.interval },
        },
      };
      break;
    default: {
      const endpoint = new URL(spec.objectStorageEndpoint ?? 'http://minio');
      sourceSpec = {
        minio: {
          [name]: {
            bucket: { name: source.bucket },
            endpoint: endpoint.host,
            insecure: endpoint.protocol === 'http:',
            events: source.events,
            accessKey: { name: source.credentialsSecret, key: 'accesskey' },
            secretKey: { name: source.credentialsSecret, key: 'secretkey' },
          },
        },
      };
    }
  }
  return {
    apiVersion: apiVersionOf(EVENT_SOURCE_KIND),
    kind: EVENT_SOURCE_KIND.kind,
    metadata: objectMetadata(spec),
    spec: { ...eventBusField(spec), ...sourceSpec },
  };
}

/** The Argo Events `Sensor` of a workflow: the source's event fires one trigger. */
export function sensorObject(
  spec: Omit<ArgoEventsWorkflowSpec, 'source' | 'objectStorageEndpoint'>,
): ArgoSensor {
  const { trigger, name } = spec;
  const template =
    trigger.type === 'http'
      ? {
          name,
          http: {
            url: trigger.url,
            method: trigger.method,
            payload: [
              {
                src: { dependencyName: DEPENDENCY, dataKey: 'body' },
                dest: 'event',
              },
            ],
          },
        }
      : {
          name,
          k8s: {
            operation: trigger.operation,
            source: { resource: trigger.resource },
          },
        };
  return {
    apiVersion: apiVersionOf(SENSOR_KIND),
    kind: SENSOR_KIND.kind,
    metadata: objectMetadata(spec),
    spec: {
      ...eventBusField(spec),
      ...(trigger.type === 'k8s' && trigger.serviceAccountName
        ? { template: { serviceAccountName: trigger.serviceAccountName } }
        : {}),
      dependencies: [
        { name: DEPENDENCY, eventSourceName: name, eventName: name },
      ],
      triggers: [{ template }],
    },
  };
}

function objectMetadata(
  spec: Pick<
    ArgoEventsWorkflowSpec,
    'name' | 'namespace' | 'labels' | 'annotations'
  >,
) {
  return {
    name: spec.name,
    namespace: spec.namespace,
    labels: spec.labels,
    ...(spec.annotations ? { annotations: spec.annotations } : {}),
  };
}

function eventBusField(spec: Pick<ArgoEventsWorkflowSpec, 'eventBusName'>) {
  return spec.eventBusName ? { eventBusName: spec.eventBusName } : {};
}
