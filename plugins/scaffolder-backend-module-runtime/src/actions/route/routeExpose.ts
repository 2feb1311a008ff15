import { InputError } from '@backstage/errors';
import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_RESOURCE_TYPES,
  runtimeRouteCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  KubernetesClient,
  NAMESPACE_KIND,
  RouteSettings,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  createExpiry,
  defineProvisioningAction,
  describeExpiry,
  dnsLabel,
  environmentField,
  expiresAfterField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { readClaimedObject } from '../claimedObject';
import { writeWorkflowObjects } from '../workflow/writeWorkflowObjects';
import { examples } from './routeExpose.examples';
import { domainField, hostField, servicePortField } from './routeFields';
import { routeHost } from './routeHost';
import { requireFreeHost, requireHostStillOurs } from './hostHolders';
import type { HostCheck } from './hostHolders';
import { gatewayAddress } from './gatewayAddress';
import { routeObjects } from './routeObjects';

/** Route names leave room for the `-tls` of their Secret within a DNS label. */
const MAX_ROUTE_NAME = 59;

/** The input of `runtime:route:expose`. */
export const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    namespace: dnsLabel(
      z,
      "The owner's Kubernetes namespace the service runs in; the route's objects are created there",
    ),
    name: dnsLabel(
      z,
      'Name of the route: its ApisixRoute, ApisixTls, Certificate and DNSEndpoint (the TLS Secret is <name>-tls)',
      MAX_ROUTE_NAME,
    ),
    host: hostField(z),
    domain: domainField(z),
    serviceName: dnsLabel(
      z,
      'The Kubernetes Service traffic goes to, in the same namespace; default the service',
    ).optional(),
    servicePort: servicePortField(z),
    expiresAfter: expiresAfterField(z),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

const outputSchema = (z: typeof zod) =>
  z.object({
    url: z.string().describe('The public URL: https://<host>'),
    host: z.string().describe('The host the route is published at'),
    certificateName: z
      .string()
      .describe(
        'The cert-manager Certificate of the host (its Secret is <name>-tls)',
      ),
    entityRef: z.string().describe('Catalog entity ref of the route resource'),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the route expires (ISO 8601 UTC), as annotated on its objects; absent when it never does',
      ),
  });

type Output = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:route:expose`: makes a service reachable at `https://<host>`. In the service's namespace
 * (which must be the owner's) it writes, labelled with owner and service, a cert-manager
 * Certificate for the host (issued by the environment's `routes.clusterIssuer`), an ApisixTls that
 * serves it, an ApisixRoute sending every path of the host to the Service, and an ExternalDNS
 * DNSEndpoint pointing the host at the APISIX gateway's LoadBalancer address.
 *
 * Refused before anything is written: a host outside the environment's `routes.domains`
 * (`InputError` naming them), and a host any other ApisixRoute holds, in any namespace
 * (`ConflictError` naming its owner). The objects are written in one checkpoint; a failure removes
 * what this run created, newest first. A re-run with the same input writes nothing; an object of
 * another claim is never rewritten. A dry run has the API server validate every object, writes
 * nothing, and outputs the URL.
 *
 * @public
 */
export const routeExposeAction = defineProvisioningAction({
  id: 'runtime:route:expose',
  registryName: 'runtime-route-expose',
  title: 'Expose a service at a public URL',
  description:
    "Exposes a service at https://<host> under the environment's domain: an APISIX route to its Service, a cert-manager certificate for the host and an ExternalDNS record, in the team's namespace. Hosts outside the configured domains or held by another route are refused.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeRouteCreatePermission,
  upstream: () => 'kubernetes',
  provision: exposeRoute,
});

/**
 * The scaffolder action `runtime:route:expose` (see `routeExposeAction`).
 *
 * @public
 */
export function createRuntimeRouteExposeAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(routeExposeAction, deps);
}

/** The environment's route settings; an `InputError` when it publishes no routes. */
function requireRouteSettings(
  deps: RuntimeActionDeps,
  environment: string,
): RouteSettings {
  const routes = deps.clients.environment(environment).routes;
  if (!routes) {
    throw new InputError(
      `Invalid input: environment: '${environment}' has no routes configured (runtime.environments[].routes)`,
    );
  }
  return routes;
}

async function exposeRoute(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<Output> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const { environment, namespace, name } = input;
  const routes = requireRouteSettings(deps, environment);
  const host = routeHost(input, routes);
  const url = `https://${host}`;
  const serviceName = input.serviceName ?? input.service;
  const kubernetes = deps.clients.client(environment, 'kubernetes');
  const signal = run.signal;
  const context = { kubernetes, environment, claim, signal };
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment,
    type: RUNTIME_RESOURCE_TYPES.route,
    scope: namespace,
    name,
  });

  const expiresAt = await audited(
    run,
    deps,
    'runtime-route-expose',
    {
      environment,
      namespace,
      name,
      host,
      serviceName,
      servicePort: input.servicePort,
      owner,
      service: input.service,
      expiresAfter: input.expiresAfter ?? null,
    },
    async () => {
      if (
        !(await kubernetes.get(NAMESPACE_KIND, undefined, namespace, {
          signal,
        }))
      ) {
        throw new InputError(
          `Invalid input: namespace: '${namespace}' does not exist in ${environment}`,
        );
      }
      const hostCheck = {
        kubernetes,
        environment,
        host,
        namespace,
        name,
        signal,
      };
      await requireFreeHost(hostCheck);
      const existing = await readClaimedObject(
        APISIX_ROUTE_KIND,
        namespace,
        name,
        context,
      );
      // A re-run keeps the first run's expiry (and adds none to a route made without one).
      const expiry = createExpiry(
        existing?.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
        existing ? undefined : input.expiresAfter,
      );
      const gateway = await gatewayAddress(
        kubernetes,
        environment,
        routes,
        signal,
      );
      const objects = routeObjects(
        {
          name,
          namespace,
          host,
          serviceName,
          servicePort: input.servicePort,
          claim,
          expiresAt: expiry,
        },
        routes,
        gateway,
      );
      // Right after the ApisixRoute: a concurrent run that also found the host free loses to the
      // older route, and its run removes what it wrote.
      const writes = objects.map(o => ({
        ...o,
        mode: 'claimed' as const,
        ...(o.kind === APISIX_ROUTE_KIND
          ? {
              verify: () =>
                requireHostStillOursAfterWrite(hostCheck, kubernetes, signal),
            }
          : {}),
      }));
      const target = 'ip' in gateway ? gateway.ip : gateway.hostname;

      if (run.isDryRun) {
        await writeWorkflowObjects(writes, {
          ...context,
          dryRun: true,
          logger: run.logger,
        });
        run.logger.info(
          `Dry run: the API server accepted the Certificate, ApisixTls, ApisixRoute and DNSEndpoint ${namespace}/${name}; ${url} would send traffic to Service ${serviceName}:${
            input.servicePort
          }, with ${host} pointing at the gateway (${target}); it ${describeExpiry(
            expiry,
          )}. Nothing was written`,
        );
        return expiry;
      }

      await run.checkpoint({
        key: `route.${environment}.${namespace}.${name}`,
        fn: async () => {
          const results = await writeWorkflowObjects(writes, {
            ...context,
            logger: run.logger,
          });
          for (const [object, result] of Object.entries(results)) {
            run.logger.info(
              result === 'kept'
                ? `${object} is already as requested`
                : `${result === 'created' ? 'Created' : 'Applied'} ${object}`,
            );
          }
          return results;
        },
      });
      run.logger.info(
        `${url} sends traffic to Service ${namespace}/${serviceName}:${input.servicePort}; cert-manager issues its certificate and ExternalDNS points ${host} at ${target}`,
      );
      await announceResourceChange(run, deps, {
        environment,
        source: 'kubernetes',
      });
      return expiry;
    },
  );

  return {
    url,
    host,
    certificateName: name,
    entityRef,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** {@link requireHostStillOurs} for the route just written, read back. */
async function requireHostStillOursAfterWrite(
  check: HostCheck,
  kubernetes: KubernetesClient,
  signal?: AbortSignal,
): Promise<void> {
  const ours = await kubernetes.get(
    APISIX_ROUTE_KIND,
    check.namespace,
    check.name,
    { signal },
  );
  if (ours) await requireHostStillOurs(check, ours);
}
