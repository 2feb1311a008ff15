import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_OWNER_LABEL,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { KubeAIModel } from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/** A KubeAI Model of an environment as an inference endpoint. */
export function inferenceEndpointOf(
  model: KubeAIModel,
  environment: string,
): LiveResource {
  const { name, namespace = '', labels = {}, annotations } = model.metadata;
  const spec = model.spec ?? ({} as typeof model.spec);
  return {
    environment,
    type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
    scope: namespace,
    name,
    upstreamRef: `${namespace}/${name}`,
    hostComponent: 'kubeai',
    area: 'inference',
    ownerValue: labels[RUNTIME_OWNER_LABEL],
    ownerSource: `label ${RUNTIME_OWNER_LABEL}`,
    service: labels[RUNTIME_SERVICE_LABEL],
    description: `KubeAI model ${spec.url ?? ''}`.trim(),
    details: {
      [D.modelUrl]: String(spec.url ?? ''),
      [D.modelEngine]: String(spec.engine ?? ''),
      [D.modelFeatures]: (spec.features ?? []).join(','),
      [D.minReplicas]: String(spec.minReplicas ?? 0),
      [D.maxReplicas]: String(spec.maxReplicas ?? spec.minReplicas ?? 0),
      [D.readyReplicas]: String(model.status?.replicas?.ready ?? 0),
    },
    expiresAt: normalizeRuntimeExpiresAt(
      annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
    ),
  };
}
