import {
  KubernetesClient,
  RouteSettings,
  SERVICE_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { GatewayAddress } from './routeObjects';

interface LoadBalancerStatus {
  loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> };
}

/**
 * Reads where the environment's APISIX gateway is reached: the first LoadBalancer ingress of its
 * Service (`routes.gateway`), an IP or else a host name. An error saying what is missing when the
 * Service does not exist or has no address yet (nothing can be published then).
 */
export async function gatewayAddress(
  kubernetes: KubernetesClient,
  environment: string,
  routes: RouteSettings,
  signal?: AbortSignal,
): Promise<GatewayAddress> {
  const { namespace, service } = routes.gateway;
  const subject = `The gateway Service ${namespace}/${service} in ${environment} (routes.gateway)`;
  const live = await kubernetes.get(SERVICE_KIND, namespace, service, {
    signal,
  });
  if (!live) {
    throw new Error(`${subject} does not exist; routes cannot be published`);
  }
  const ingress = (live.status as LoadBalancerStatus | undefined)?.loadBalancer
    ?.ingress;
  for (const entry of ingress ?? []) {
    if (entry.ip) return { ip: entry.ip };
    if (entry.hostname) return { hostname: entry.hostname };
  }
  throw new Error(
    `${subject} has no LoadBalancer address yet; routes cannot be published until it has one`,
  );
}
