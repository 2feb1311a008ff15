import {
  RUNTIME_RESOURCE_TYPES,
  runtimeRouteDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
  KubernetesKind,
  KubernetesObject,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  ObjectRemoval,
  RetirementRun,
  RuntimeActionDeps,
  defineRetirementAction,
  dnsLabel,
  objectRemains,
  retirementInputSchema,
  toScaffolderAction,
} from '../shared';
import { deleteClaimedObject, readClaimedObject } from '../claimedObject';
import { examples } from './routeDelete.examples';

/** The DNS record first (the host stops resolving), then the route, its TLS, the certificate. */
const REMOVAL_ORDER: ReadonlyArray<KubernetesKind<KubernetesObject>> = [
  DNS_ENDPOINT_KIND,
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
];

/** The input of `runtime:route:delete`: the expose action's names, and `force`. */
export const inputSchema = (z: typeof zod) =>
  retirementInputSchema(z, {
    namespace: dnsLabel(z, "The owner's Kubernetes namespace the route is in"),
    name: dnsLabel(z, 'Name of the route to retire', 59),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:route:delete`: retires a route, removing exactly what `runtime:route:expose` wrote: its
 * DNSEndpoint, ApisixRoute, ApisixTls and Certificate (in that order, the DNS record first so the
 * host stops resolving before it stops being served).
 *
 * The namespace must be the owner's, and every object's owner and service labels must be the
 * input's, all checked before anything is removed: another team's or service's object is a
 * `ConflictError`, and nothing is removed. Each object is deleted with the uid and resourceVersion
 * that were checked as preconditions. Catalog entities that depend on the route refuse the run
 * unless `force`. A dry run has the API server validate each delete and lists what would go; a
 * route with nothing left is success with `removed: []`.
 *
 * @public
 */
export const routeDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.route,
  title: 'Delete a Runtime route',
  description:
    "Retires a route: deletes the team's ApisixRoute, ApisixTls, cert-manager Certificate and DNSEndpoint (once their owner and service are checked). Refused while catalog entities depend on it, unless force.",
  examples,
  inputSchema,
  permission: runtimeRouteDeletePermission,
  upstream: () => 'kubernetes',
  resource: input => ({
    subject: `Route ${input.namespace}/${input.name}`,
    scope: input.namespace,
    name: input.name,
  }),
  auditNames: input => ({ namespace: input.namespace, name: input.name }),
  findRemains: findRouteRemains,
});

/**
 * The scaffolder action `runtime:route:delete` (see `routeDeleteAction`).
 *
 * @public
 */
export function createRuntimeRouteDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(routeDeleteAction, deps);
}

/** The route's objects that are left, every claim checked, in {@link REMOVAL_ORDER}. */
async function findRouteRemains(retirement: RetirementRun<Input>) {
  const { deps, run, input, claim } = retirement;
  const { environment, namespace, name } = input;
  const context = {
    kubernetes: deps.clients.client(environment, 'kubernetes'),
    environment,
    claim,
    signal: run.signal,
  };
  const removals: ObjectRemoval[] = [];
  for (const kind of REMOVAL_ORDER) {
    const object = await readClaimedObject(kind, namespace, name, context);
    if (object) {
      removals.push({
        line: `${kind.kind} ${namespace}/${name}`,
        key: `route-delete.${environment}.${namespace}.${name}.${kind.kind}`,
        remove: dryRun =>
          deleteClaimedObject(kind, object, { ...context, dryRun }),
      });
    }
  }
  if (removals.length === 0) {
    return {
      nothingLeft: `Route ${namespace}/${name} has no objects left in ${environment}`,
    };
  }
  return objectRemains(run, removals);
}
