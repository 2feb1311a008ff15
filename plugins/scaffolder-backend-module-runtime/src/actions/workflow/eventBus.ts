import { InputError } from '@backstage/errors';
import {
  ArgoEventBus,
  EVENT_BUS_KIND,
  KubernetesClient,
  apiVersionOf,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { WorkflowEventBusPolicy } from './workflowEventBusPolicy';

/** The EventBus an EventSource or Sensor uses when it names none (argo-events `eventsource_types.go`). */
export const DEFAULT_EVENT_BUS_NAME = 'default';

/**
 * A JetStream EventBus `default`, shaped like the simplest example of Argo Events' docs
 * (`docs/eventbus/jetstream.md`): `spec.jetstream.version`, the controller's defaults otherwise.
 */
export function defaultEventBusObject(opts: {
  namespace: string;
  version: string;
  labels: Record<string, string>;
}): ArgoEventBus {
  return {
    apiVersion: apiVersionOf(EVENT_BUS_KIND),
    kind: EVENT_BUS_KIND.kind,
    metadata: {
      name: DEFAULT_EVENT_BUS_NAME,
      namespace: opts.namespace,
      labels: opts.labels,
    },
    spec: { jetstream: { version: opts.version } },
  };
}

/**
 * Reads the EventBus `name` of `namespace`, which Argo Events needs to run any EventSource or Sensor
 * there. Resolves `undefined` when it exists; the EventBus to create when it is missing, is
 * `default` and the policy says to create it; otherwise refuses with an `InputError` saying what
 * is missing, where, and how to get it.
 */
export async function missingEventBus(opts: {
  kubernetes: KubernetesClient;
  environment: string;
  namespace: string;
  name: string;
  policy: WorkflowEventBusPolicy;
  labels: Record<string, string>;
  signal?: AbortSignal;
}): Promise<ArgoEventBus | undefined> {
  const { kubernetes, environment, namespace, name, policy, signal } = opts;
  if (await kubernetes.get(EVENT_BUS_KIND, namespace, name, { signal })) {
    return undefined;
  }
  if (name === DEFAULT_EVENT_BUS_NAME && policy.createDefault) {
    return defaultEventBusObject({
      namespace,
      version: policy.jetStreamVersion,
      labels: opts.labels,
    });
  }
  const field =
    name === DEFAULT_EVENT_BUS_NAME
      ? 'argoEvents.namespace'
      : 'argoEvents.eventBusName';
  const fix =
    name === DEFAULT_EVENT_BUS_NAME
      ? `ask the platform team to create the EventBus '${name}' in ${namespace}, or to set runtime.workflows.createDefaultEventBus: true so that the portal creates one`
      : `ask the platform team to create it, or name an EventBus that ${namespace} has`;
  throw new InputError(
    `Invalid input: ${field}: namespace ${namespace} in ${environment} has no Argo Events EventBus '${name}', without which Argo Events runs neither the EventSource nor the Sensor; ${fix}`,
  );
}
