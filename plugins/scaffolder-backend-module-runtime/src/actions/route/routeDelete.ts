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
  RetirementOutput,
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  forceField,
  ownerField,
  ownerName,
  requireRetirable,
  retirementOutputSchema,
  runtimeResourceEntityRef,
  serviceField,
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
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    namespace: dnsLabel(z, "The owner's Kubernetes namespace the route is in"),
    name: dnsLabel(z, 'Name of the route to retire', 59),
    force: forceField(z),
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
export const routeDeleteAction = defineProvisioningAction({
  id: 'runtime:route:delete',
  registryName: 'runtime-route-delete',
  title: 'Delete a Runtime route',
  description:
    "Retires a route: deletes the team's ApisixRoute, ApisixTls, cert-manager Certificate and DNSEndpoint (once their owner and service are checked). Refused while catalog entities depend on it, unless force.",
  examples,
  inputSchema,
  outputSchema: retirementOutputSchema,
  permission: runtimeRouteDeletePermission,
  upstream: () => 'kubernetes',
  destructive: true,
  provision: retireRoute,
});

/**
 * The scaffolder action `runtime:route:delete` (see `routeDeleteAction`).
 *
 * @public
 */
export function createRuntimeRouteDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(routeDeleteAction, deps);
}

async function retireRoute(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<RetirementOutput> {
  const owner = ownerName(input.owner);
  const { environment, namespace, name } = input;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.route,
    scope: namespace,
    name,
  });
  const context = {
    kubernetes: deps.clients.client(environment, 'kubernetes'),
    environment,
    claim: { owner, service: input.service },
    signal: run.signal,
  };

  const result = await audited(
    run,
    deps,
    'runtime-route-delete',
    {
      environment,
      namespace,
      name,
      owner,
      service: input.service,
      force: input.force,
    },
    async (): Promise<Omit<RetirementOutput, 'entityRef'>> => {
      // Every claim is checked before anything is removed; the DNS record goes first.
      const present: Array<{
        kind: KubernetesKind<any>;
        object: KubernetesObject;
      }> = [];
      for (const kind of REMOVAL_ORDER) {
        const object = await readClaimedObject(kind, namespace, name, context);
        if (object) present.push({ kind, object });
      }
      if (present.length === 0) {
        run.logger.info(
          `Route ${namespace}/${name} has no objects left in ${environment}: nothing to remove`,
        );
        return { removed: [], dependents: [] };
      }
      const dependents = await requireRetirable(deps, run, {
        subject: `Route ${namespace}/${name}`,
        entityRef,
        force: input.force,
      });
      const describe = (kind: KubernetesKind<any>) =>
        `${kind.kind} ${namespace}/${name}`;

      if (run.isDryRun) {
        const wouldRemove: string[] = [];
        for (const { kind, object } of present) {
          if (
            await deleteClaimedObject(kind, object, {
              ...context,
              dryRun: true,
            })
          ) {
            wouldRemove.push(describe(kind));
          }
        }
        run.logger.info(
          `Dry run: the API server accepted deleting ${wouldRemove.join(
            ', ',
          )}; nothing was removed`,
        );
        return { removed: wouldRemove, dependents };
      }
      const removed: string[] = [];
      for (const { kind, object } of present) {
        const deleted = await run.checkpoint({
          key: `route-delete.${environment}.${namespace}.${name}.${kind.kind}`,
          fn: () => deleteClaimedObject(kind, object, context),
        });
        run.logger.info(
          deleted
            ? `Deleted ${describe(kind)}`
            : `${describe(kind)} was already gone`,
        );
        if (deleted) removed.push(describe(kind));
      }
      await announceResourceChange(run, deps, {
        environment,
        source: 'kubernetes',
      });
      return { removed, dependents };
    },
  );
  return { entityRef, ...result };
}
