import { NotFoundError } from '@backstage/errors';
import { RuntimeInferenceEndpointDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClientsService,
  discoverKubeAIUrl,
  kubeaiServiceUrl,
  openAIBaseUrl,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** A KubeAI Model's spec, status and OpenAI-compatible base URL. */
export async function inferenceEndpointDetails(
  clients: RuntimeClientsService,
  environment: string,
  upstreamRef: string,
  signal: AbortSignal,
): Promise<RuntimeInferenceEndpointDetails> {
  const [namespace, name] = upstreamRef.split('/');
  const kubernetes = clients.client(environment, 'kubernetes');
  const { kubeai } = clients.environment(environment);
  const [model, kubeaiUrl] = await Promise.all([
    kubernetes.get<KubeAIModel>(MODEL_KIND, namespace, name, { signal }),
    discoverKubeAIUrl(kubernetes, kubeai, signal),
  ]);
  if (!model) {
    throw new NotFoundError(
      `Inference endpoint ${upstreamRef} not found in ${environment}`,
    );
  }
  const { spec, status } = model;
  return {
    type: 'inference-endpoint',
    environment,
    namespace,
    name,
    modelUrl: spec.url,
    engine: spec.engine,
    features: spec.features ?? [],
    resourceProfile: spec.resourceProfile,
    minReplicas: spec.minReplicas ?? 0,
    maxReplicas: spec.maxReplicas ?? 1,
    replicas: status?.replicas?.all ?? spec.replicas ?? 0,
    readyReplicas: status?.replicas?.ready ?? 0,
    // never a URL in the Model's (team's) namespace: KubeAI's own, where the platform puts it
    openaiBaseUrl: openAIBaseUrl(kubeaiUrl ?? kubeaiServiceUrl(kubeai)),
  };
}
