import { CacheService } from '@backstage/backend-plugin-api';
import {
  CoalescingCache,
  isRuntimeUpstreamError,
  NAMESPACE_KIND,
  RuntimeClientsService,
  RuntimeEnvironment,
  RuntimeUpstreamClients,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** An upstream of an environment, and whether the portal can use it right now. */
export interface UpstreamHealth {
  upstream: keyof RuntimeUpstreamClients;
  status: 'ok' | 'down';
  /** Why it is down, in the shared reason words (never URLs or credentials). */
  reason?: string;
  latencyMs: number;
}

/** A configured environment and the state of its upstreams. */
export interface EnvironmentHealth {
  name: string;
  title: string;
  upstreams: UpstreamHealth[];
}

/** Probes look at the last minute only, so they stay cheap for the upstream. */
const lastMinute = () => ({
  start: new Date(Date.now() - 60_000),
  end: new Date(),
});

/** The cheapest authenticated call of each upstream: it proves both reachability and credentials. */
const PROBES: {
  [U in keyof RuntimeUpstreamClients]: (
    client: RuntimeUpstreamClients[U],
    signal: AbortSignal,
  ) => Promise<unknown>;
} = {
  kubernetes: (client, signal) =>
    client.list(NAMESPACE_KIND, { limit: 1, signal }),
  openbao: (client, signal) => client.checkAccess({ signal }),
  objectStorage: (client, signal) => client.listBuckets({ signal }),
  temporal: (client, signal) => client.describeNamespace('default', { signal }),
  prometheus: (client, signal) => client.query('1', { signal }),
  alertmanager: (client, signal) =>
    client.listAlerts({ filter: { alertname: 'RuntimePortalProbe' }, signal }),
  loki: (client, signal) =>
    client.queryRange({
      query: '{job="runtime-portal-probe"}',
      limit: 1,
      ...lastMinute(),
      signal,
    }),
  tempo: (client, signal) =>
    client.search({
      tags: { 'service.name': 'runtime-portal-probe' },
      limit: 1,
      ...lastMinute(),
      signal,
    }),
  grafana: (client, signal) =>
    client.searchDashboards({ tags: ['runtime-portal-probe'], signal }),
  argocd: (client, signal) =>
    client.listApplications({ name: 'runtime-portal-probe', signal }),
  postgres: (client, signal) => client.listDatabases({ signal }),
};

/** Every upstream an environment can have, in the order health lists them. */
const UPSTREAMS = Object.keys(PROBES) as (keyof RuntimeUpstreamClients)[];

/**
 * Probes each environment's upstreams, concurrently and each with its own timeout, and keeps the answer
 * in the cache for a short while so that many viewers cost one probe per upstream per TTL.
 */
export class RuntimeHealthService {
  private readonly cache: CoalescingCache;

  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      cache: CacheService;
      ttlMs?: number;
      probeTimeoutMs?: number;
    },
  ) {
    this.cache = new CoalescingCache({
      cache: options.cache,
      ttlMs: options.ttlMs ?? 15_000,
    });
  }

  /** Every configured environment with the state of its configured upstreams. */
  async environments(): Promise<EnvironmentHealth[]> {
    return Promise.all(
      this.options.clients
        .environments()
        .map(env =>
          this.cache.get(`health:${env.name}`, () =>
            this.probeEnvironment(env),
          ),
        ),
    );
  }

  private async probeEnvironment(
    env: RuntimeEnvironment,
  ): Promise<EnvironmentHealth> {
    const upstreams = UPSTREAMS.filter(u => env[u] !== undefined);
    return {
      name: env.name,
      title: env.title,
      upstreams: await Promise.all(upstreams.map(u => this.probe(env.name, u))),
    };
  }

  private async probe(
    environment: string,
    upstream: keyof RuntimeUpstreamClients,
  ): Promise<UpstreamHealth> {
    const started = Date.now();
    const signal = AbortSignal.timeout(this.options.probeTimeoutMs ?? 5_000);
    try {
      const client = this.options.clients.client(environment, upstream);
      await (
        PROBES[upstream] as (c: unknown, s: AbortSignal) => Promise<unknown>
      )(client, signal);
      return { upstream, status: 'ok', latencyMs: Date.now() - started };
    } catch (error) {
      return {
        upstream,
        status: 'down',
        reason: isRuntimeUpstreamError(error) ? error.reason : 'Unknown',
        latencyMs: Date.now() - started,
      };
    }
  }
}
