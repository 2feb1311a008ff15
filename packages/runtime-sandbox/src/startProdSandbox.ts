import {
  DEFAULT_SANDBOX_PORTS,
  Sandbox,
  SandboxOptions,
  startSandbox,
} from './startSandbox';
import {
  ENVIRONMENT_UPSTREAMS,
  EnvironmentUpstream,
} from './environmentUpstreams';
import { loadProdSeed, RuntimeSeed } from './seed';

/** What the prod sandbox adds to each of the dev sandbox's default ports. */
export const PROD_SANDBOX_PORT_OFFSET = 10_000;

/**
 * The ports the `prod` environment's sandbox listens on by default (those app-config.yaml's `prod`
 * environment points at): each per-environment upstream's {@link DEFAULT_SANDBOX_PORTS} plus
 * {@link PROD_SANDBOX_PORT_OFFSET}, e.g. Kubernetes on 16443.
 */
export const PROD_SANDBOX_PORTS = Object.fromEntries(
  ENVIRONMENT_UPSTREAMS.map(upstream => [
    upstream,
    DEFAULT_SANDBOX_PORTS[upstream] + PROD_SANDBOX_PORT_OFFSET,
  ]),
) as Record<EnvironmentUpstream, number>;

/** How to start the `prod` environment's sandbox. */
export interface ProdSandboxOptions
  extends Omit<
    SandboxOptions<EnvironmentUpstream>,
    'upstreams' | 'ports' | 'seed' | 'keycloakRedirectUris'
  > {
  /** Ports per upstream (0 picks a free one), or `'free'` (tests); defaults to {@link PROD_SANDBOX_PORTS}. */
  ports?: Partial<Record<EnvironmentUpstream, number>> | 'free';
  /** The Runtime to start with; defaults to the prod seed ({@link loadProdSeed}). */
  seed?: RuntimeSeed;
}

/**
 * Starts the sandbox of a second Runtime environment, `prod`: only the per-environment upstreams
 * ({@link ENVIRONMENT_UPSTREAMS}), on {@link PROD_SANDBOX_PORTS}, seeded with the prod seed (the dev
 * seed with the drift of `src/seed/prod-drift.yaml`), with the same least-privilege portal identities
 * as the dev sandbox. GitLab, Harbor and Keycloak are platform-wide: pass the dev sandbox's GitLab and
 * Harbor URLs as `links` so Argo CD's applications point at them.
 */
export function startProdSandbox(
  options: ProdSandboxOptions = {},
): Promise<Sandbox<EnvironmentUpstream>> {
  return startSandbox<EnvironmentUpstream>({
    ...options,
    upstreams: ENVIRONMENT_UPSTREAMS,
    seed: options.seed ?? loadProdSeed(),
    ports:
      options.ports === 'free'
        ? 'free'
        : { ...PROD_SANDBOX_PORTS, ...options.ports },
  });
}
