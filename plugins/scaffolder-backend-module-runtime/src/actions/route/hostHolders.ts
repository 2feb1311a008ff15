import { ConflictError } from '@backstage/errors';
import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_SERVICE_LABEL,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  ApisixRoute,
  KubernetesClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { routeHosts } from './routeObjects';

/** Which route is being written, where, and for whom. */
export interface HostCheck {
  kubernetes: KubernetesClient;
  environment: string;
  host: string;
  namespace: string;
  name: string;
  signal?: AbortSignal;
}

/** The ApisixRoutes of every namespace that match `host`, other than `namespace/name` itself. */
async function otherHolders(check: HostCheck): Promise<ApisixRoute[]> {
  const holders: ApisixRoute[] = [];
  for await (const route of check.kubernetes.listAll(APISIX_ROUTE_KIND, {
    signal: check.signal,
  })) {
    const { namespace, name } = route.metadata;
    if (namespace === check.namespace && name === check.name) continue;
    if (routeHosts(route).includes(check.host)) holders.push(route);
  }
  return holders;
}

function conflict(check: HostCheck, holder: ApisixRoute): ConflictError {
  const labels = holder.metadata.labels ?? {};
  return new ConflictError(
    `Host ${check.host} in ${
      check.environment
    } is already held by ApisixRoute ${holder.metadata.namespace}/${
      holder.metadata.name
    } of owner '${labels[RUNTIME_OWNER_LABEL] ?? 'none'}', service '${
      labels[RUNTIME_SERVICE_LABEL] ?? 'none'
    }'; choose another host`,
  );
}

/**
 * Refuses (a `ConflictError` naming the holder and its owner) when any other ApisixRoute, in any
 * namespace, already routes `host`: a host belongs to one route, so another team's is never taken
 * over and traffic is never split between two. Read cluster-wide, before anything is written.
 */
export async function requireFreeHost(check: HostCheck): Promise<void> {
  const [holder] = await otherHolders(check);
  if (holder) throw conflict(check, holder);
}

/**
 * After this run's ApisixRoute is written: when another route for the same host was written
 * meanwhile (two runs that both found the host free), the older one keeps it (creation time, then
 * `namespace/name`) and the newer gets a `ConflictError`, so its run removes what it created.
 */
export async function requireHostStillOurs(
  check: HostCheck,
  ours: ApisixRoute,
): Promise<void> {
  const key = (route: ApisixRoute) =>
    `${route.metadata.creationTimestamp ?? ''} ${route.metadata.namespace}/${
      route.metadata.name
    }`;
  const older = (await otherHolders(check)).find(
    holder => key(holder) < key(ours),
  );
  if (older) throw conflict(check, older);
}
