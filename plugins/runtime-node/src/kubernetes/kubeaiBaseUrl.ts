import { KubeAIAccess } from '../config';
import { DEFAULT_KUBEAI_NAMESPACE } from '../config/readKubeAI';
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
 * The URL of an environment's KubeAI: the configured `kubeai.baseUrl`, else the in-cluster URL of the
 * Service `kubeai` in the configured KubeAI namespace (`http://kubeai.<namespace>.svc.cluster.local[:port]`);
 * undefined when that namespace has no such Service. A Service named `kubeai` in any other namespace
 * (a team's) is never used.
 *
 * @public
 */
export async function discoverKubeAIUrl(
  kubernetes: KubernetesClient,
  kubeai: KubeAIAccess | undefined,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (kubeai?.baseUrl) return kubeai.baseUrl;
  const namespace = kubeaiNamespace(kubeai);
  const service = await kubernetes.get<KubernetesObject>(
    SERVICE_KIND,
    namespace,
    KUBEAI_SERVICE_NAME,
    { signal },
  );
  if (!service) return undefined;
  const ports =
    (service.spec as { ports?: Array<{ port?: number }> } | undefined)?.ports ??
    [];
  return kubeaiServiceUrl(kubeai, ports[0]?.port);
}

/**
 * The in-cluster URL KubeAI's Service has in the configured KubeAI namespace (with `port` unless
 * it is 80), or the configured `kubeai.baseUrl`; what to show when the Service cannot be read.
 *
 * @public
 */
export function kubeaiServiceUrl(
  kubeai: KubeAIAccess | undefined,
  port?: number,
): string {
  if (kubeai?.baseUrl) return kubeai.baseUrl;
  const portPart = port && port !== 80 ? `:${port}` : '';
  return `http://${KUBEAI_SERVICE_NAME}.${kubeaiNamespace(
    kubeai,
  )}.svc.cluster.local${portPart}`;
}

function kubeaiNamespace(kubeai: KubeAIAccess | undefined): string {
  return kubeai?.namespace ?? DEFAULT_KUBEAI_NAMESPACE;
}

/**
 * The OpenAI-compatible base URL under a KubeAI URL.
 *
 * @public
 */
export function openAIBaseUrl(kubeaiUrl: string): string {
  return `${kubeaiUrl.replace(/\/+$/, '')}/openai/v1`;
}
