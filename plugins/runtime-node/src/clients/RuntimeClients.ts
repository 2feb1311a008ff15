import { Config } from '@backstage/config';
import { environmentByName } from './environmentByName';
import { InputError } from '@backstage/errors';
import {
  readRuntimeDeliveryServices,
  readRuntimeEnvironments,
  RuntimeDeliveryServices,
  RuntimeEnvironment,
} from '../config';
import { KubernetesClient } from '../kubernetes';
import { ObjectStorageClient } from '../objectStorage';
import { OpenBaoClient } from '../openbao';
import { TemporalClient } from '../temporal';
import { PrometheusClient } from '../prometheus';
import { AlertmanagerClient } from '../alertmanager';
import { LokiClient } from '../loki';
import { TempoClient } from '../tempo';
import { GrafanaClient } from '../grafana';
import { ArgoCdClient } from '../argocd';
import { GitLabClient } from '../gitlab';
import { HarborClient } from '../harbor';
import { PostgresClient } from '../postgres';
import {
  RuntimeClientsService,
  RuntimePlatformClients,
  RuntimeUpstreamClients,
} from './RuntimeClientsService';

/** The environment name in errors of the platform-wide upstreams (GitLab, Harbor). */
const PLATFORM_ENVIRONMENT = 'platform';

/**
 * The one place where the suite's upstream clients are made: one client per upstream and configured
 * environment, created on first use and shared. Only configured environments can be reached. The
 * default implementation of {@link RuntimeClientsService}.
 *
 * @public
 */
export class RuntimeClients implements RuntimeClientsService {
  private readonly byName: Map<string, RuntimeEnvironment>;
  private readonly made = new Map<string, unknown>();

  private readonly platform: Partial<RuntimePlatformClients>;
  private readonly platformServices: RuntimeDeliveryServices;

  /**
   * Reads `runtime.environments`, `integrations.gitlab` and `runtime.harbor` (throwing, with the key
   * named, on bad config).
   */
  static fromConfig(config: Config): RuntimeClients {
    return new RuntimeClients(
      readRuntimeEnvironments(config),
      readRuntimeDeliveryServices(config),
    );
  }

  constructor(
    environments: RuntimeEnvironment[],
    platform: RuntimeDeliveryServices = {},
  ) {
    this.byName = new Map(environments.map(e => [e.name, e]));
    this.platformServices = platform;
    this.platform = {
      gitlab:
        platform.gitlab &&
        new GitLabClient({
          environment: PLATFORM_ENVIRONMENT,
          access: platform.gitlab,
        }),
      harbor:
        platform.harbor &&
        new HarborClient({
          environment: PLATFORM_ENVIRONMENT,
          access: platform.harbor,
        }),
    };
  }

  /** How a platform-wide upstream is reached (for links to its UI), or undefined. */
  platformAccess(
    upstream: keyof RuntimePlatformClients,
  ): RuntimeDeliveryServices[keyof RuntimePlatformClients] {
    return this.platformServices[upstream];
  }

  /** The client of a platform-wide upstream, or undefined when it is not configured. */
  platformClient<U extends keyof RuntimePlatformClients>(
    upstream: U,
  ): RuntimePlatformClients[U] | undefined {
    return this.platform[upstream] as RuntimePlatformClients[U] | undefined;
  }

  /** The configured environments, in config order. */
  environments(): RuntimeEnvironment[] {
    return [...this.byName.values()];
  }

  /** One configured environment; a `NotFoundError` for any other name. */
  environment(name: string): RuntimeEnvironment {
    return environmentByName(this.byName, name);
  }

  /** Whether the environment has the upstream configured. */
  has(environment: string, upstream: keyof RuntimeUpstreamClients): boolean {
    return this.environment(environment)[upstream] !== undefined;
  }

  /**
   * The client of an upstream in an environment; an `InputError` naming both when the environment has
   * no such upstream configured.
   */
  client<U extends keyof RuntimeUpstreamClients>(
    environment: string,
    upstream: U,
  ): RuntimeUpstreamClients[U] {
    const key = `${environment}/${upstream}`;
    const existing = this.made.get(key);
    if (existing) return existing as RuntimeUpstreamClients[U];
    const env = this.environment(environment);
    const client = makeClient(env, upstream);
    if (!client) {
      throw new InputError(
        `Runtime environment '${environment}' has no ${upstream} configured (runtime.environments[].${upstream})`,
      );
    }
    this.made.set(key, client);
    return client as RuntimeUpstreamClients[U];
  }

  /**
   * Closes what the clients keep open (the PostgreSQL connection pools); called at the backend's
   * shutdown. Clients asked for afterwards are made anew.
   */
  async close(): Promise<void> {
    const made = [...this.made.values()];
    this.made.clear();
    await Promise.all(
      made.map(client =>
        client instanceof PostgresClient ? client.close() : undefined,
      ),
    );
  }
}

function makeClient(
  env: RuntimeEnvironment,
  upstream: keyof RuntimeUpstreamClients,
): RuntimeUpstreamClients[keyof RuntimeUpstreamClients] | undefined {
  const environment = env.name;
  switch (upstream) {
    case 'kubernetes':
      return (
        env.kubernetes &&
        new KubernetesClient({ environment, access: env.kubernetes })
      );
    case 'openbao':
      return (
        env.openbao && new OpenBaoClient({ environment, access: env.openbao })
      );
    case 'objectStorage':
      return (
        env.objectStorage &&
        new ObjectStorageClient({ environment, access: env.objectStorage })
      );
    case 'temporal':
      return (
        env.temporal &&
        new TemporalClient({ environment, access: env.temporal })
      );
    case 'prometheus':
      return (
        env.prometheus &&
        new PrometheusClient({ environment, access: env.prometheus })
      );
    case 'alertmanager':
      return (
        env.alertmanager &&
        new AlertmanagerClient({ environment, access: env.alertmanager })
      );
    case 'loki':
      return env.loki && new LokiClient({ environment, access: env.loki });
    case 'tempo':
      return env.tempo && new TempoClient({ environment, access: env.tempo });
    case 'grafana':
      return (
        env.grafana && new GrafanaClient({ environment, access: env.grafana })
      );
    case 'argocd':
      return (
        env.argocd && new ArgoCdClient({ environment, access: env.argocd })
      );
    case 'postgres':
      return (
        env.postgres &&
        new PostgresClient({ environment, access: env.postgres })
      );
    default:
      return undefined;
  }
}
