import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_LABEL,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
  RUNTIME_SERVICE_METADATA_KEY,
  RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoSensor,
  TemporalClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/** Temporal's own namespace, which is not a team's workflow. */
const SYSTEM_NAMESPACE = 'temporal-system';

/**
 * An Argo Events Sensor of an environment as a workflow. A suspended workflow (its EventSource
 * removed and recorded on the Sensor by `runtime:workflow:update`) stays, marked
 * `runtime-portal.io/suspended: 'true'`.
 */
export function sensorWorkflowOf(
  sensor: ArgoSensor,
  environment: string,
): LiveResource {
  const { name, namespace = '', labels = {}, annotations } = sensor.metadata;
  return {
    environment,
    type: RUNTIME_RESOURCE_TYPES.workflow,
    scope: namespace,
    name,
    upstreamRef: `${namespace}/${name}`,
    hostComponent: 'argo-events',
    area: 'workflows',
    ownerValue: labels[RUNTIME_OWNER_LABEL],
    ownerSource: `label ${RUNTIME_OWNER_LABEL}`,
    service: labels[RUNTIME_SERVICE_LABEL],
    description: `Argo Events sensor ${namespace}/${name}`,
    details: {
      [D.workflowEngine]: 'argo-events',
      ...(annotations?.[RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION] !== undefined
        ? { [D.workflowSuspended]: 'true' }
        : {}),
    },
    expiresAt: normalizeRuntimeExpiresAt(
      annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
    ),
  };
}

/** Temporal namespaces of an environment (all pages, without `temporal-system`), as workflows. */
export async function readTemporalWorkflows(
  client: TemporalClient,
  environment: string,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const namespaces = await client.listNamespaces({ signal });
  return namespaces
    .filter(ns => ns.name !== SYSTEM_NAMESPACE && ns.state !== 'Deleted')
    .map(ns => ({
      environment,
      type: RUNTIME_RESOURCE_TYPES.workflow,
      scope: 'temporal',
      name: ns.name,
      upstreamRef: `temporal:${ns.name}`,
      hostComponent: 'temporal',
      area: 'workflows',
      ownerValue: ns.data[RUNTIME_OWNER_METADATA_KEY],
      ownerSource: `namespace data '${RUNTIME_OWNER_METADATA_KEY}'`,
      service: ns.data[RUNTIME_SERVICE_METADATA_KEY],
      description: ns.description || `Temporal namespace ${ns.name}`,
      details: {
        [D.workflowEngine]: 'temporal',
        ...(ns.retentionDays !== undefined
          ? { [D.retentionDays]: String(ns.retentionDays) }
          : {}),
      },
      expiresAt: normalizeRuntimeExpiresAt(
        ns.data[RUNTIME_EXPIRES_AT_METADATA_KEY],
      ),
    }));
}
