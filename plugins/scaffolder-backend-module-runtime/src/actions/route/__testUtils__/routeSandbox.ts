import { ConfigReader } from '@backstage/config';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  RuntimeSeed,
  Sandbox,
  loadSeed,
  sandboxEnvironmentConfig,
} from '@runtime-portal/runtime-sandbox';
import { TEST_SEED, startTestSandbox } from '../../__testUtils__/actionTestKit';

/** The domains routes may use in the tests' `dev`. */
const TEST_ROUTE_DOMAINS = ['apps.dev.runtime.local', 'apps.example.com'];

/**
 * The tests' small Runtime with its network area (APISIX, MetalLB, ExternalDNS, cert-manager), so
 * the sandbox seeds the gateway Service and the `runtime-ca` ClusterIssuer.
 */
const ROUTE_TEST_SEED: RuntimeSeed = {
  ...TEST_SEED,
  components: [
    ...TEST_SEED.components,
    ...loadSeed().components.filter(c => c.area === 'network'),
  ],
};

/** Starts the sandbox with {@link ROUTE_TEST_SEED}. */
export function startRouteSandbox(): Promise<Sandbox> {
  return startTestSandbox(ROUTE_TEST_SEED);
}

/** Clients for `dev` on the sandbox (the portal's identity) with `routes` configured. */
export function routeClients(sandbox: Sandbox): RuntimeClients {
  return RuntimeClients.fromConfig(
    new ConfigReader({
      runtime: {
        environments: [
          {
            ...sandboxEnvironmentConfig(sandbox),
            routes: {
              domains: TEST_ROUTE_DOMAINS,
              clusterIssuer: 'runtime-ca',
              gateway: {
                namespace: 'runtime-network',
                service: 'apisix-gateway',
              },
            },
          },
        ],
      },
    }),
  );
}
