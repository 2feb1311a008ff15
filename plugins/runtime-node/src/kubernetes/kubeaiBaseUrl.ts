import { KubernetesClient } from './KubernetesClient';
import { SERVICE_KIND } from './kinds';
import { KubernetesObject } from './types';

/**
 * The name of KubeAI's own Service, which serves the OpenAI-compatible API of every Model.
 *
 * @public
 */
export const KUBEAI_SERVICE_NAME = 'kubeai';

/**
 * The in-cluster URL of KubeAI's Service (`http://kubeai.<namespace>.svc.cluster.local[:port]`),
 * found by listing Services named `kubeai`; undefined when the environment has none.
 *
 * @public
 */
export async function discoverKubeAIUrl(
  kubernetes: KubernetesClient,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const page = await kubernetes.list<KubernetesObject>(SERVICE_KIND, {
    fieldSelector: `metadata.name=${KUBEAI_SERVICE_NAME}`,
    limit: 1,
    signal,
  });
  const service = page.items[0];
  if (!service) return undefined;
  const ports =
    (service.spec as { ports?: Array<{ port?: number }> } | undefined)?.ports ??
    [];
  const port = ports[0]?.port;
  const portPart = port && port !== 80 ? `:${port}` : '';
  return `http://${KUBEAI_SERVICE_NAME}.${service.metadata.namespace}.svc.cluster.local${portPart}`;
}

/**
 * The OpenAI-compatible base URL under a KubeAI URL.
 *
 * @public
 */
export function openAIBaseUrl(kubeaiUrl: string): string {
  return `${kubeaiUrl.replace(/\/+$/, '')}/openai/v1`;
}
