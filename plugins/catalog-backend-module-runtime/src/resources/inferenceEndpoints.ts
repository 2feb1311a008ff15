import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_LABEL,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesClient,
  MODEL_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/** KubeAI Models of an environment, read page by page, as inference endpoints. */
export async function readInferenceEndpoints(
  client: KubernetesClient,
  environment: string,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const resources: LiveResource[] = [];
  for await (const model of client.listAll(MODEL_KIND, { signal })) {
    const { name, namespace = '', labels = {} } = model.metadata;
    const spec = model.spec ?? ({} as typeof model.spec);
    resources.push({
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
    });
  }
  return resources;
}
