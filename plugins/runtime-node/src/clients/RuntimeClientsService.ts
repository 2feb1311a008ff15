import { RuntimeDeliveryServices, RuntimeEnvironment } from '../config';
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

/**
 * The client of each upstream, by upstream name.
 *
 * @public
 */
export interface RuntimeUpstreamClients {
  kubernetes: KubernetesClient;
  openbao: OpenBaoClient;
  objectStorage: ObjectStorageClient;
  temporal: TemporalClient;
  prometheus: PrometheusClient;
  alertmanager: AlertmanagerClient;
  loki: LokiClient;
  tempo: TempoClient;
  grafana: GrafanaClient;
  argocd: ArgoCdClient;
  postgres: PostgresClient;
}

/**
 * The clients of the platform-wide upstreams, shared by every environment.
 *
 * @public
 */
export interface RuntimePlatformClients {
  gitlab: GitLabClient;
  harbor: HarborClient;
}

/**
 * What plugins and modules use of the suite's upstream clients, through `runtimeClientsServiceRef`:
 * the configured environments and one client per upstream and environment. Only configured
 * environments can be reached.
 *
 * @public
 */
export interface RuntimeClientsService {
  /** The configured environments, in config order. */
  environments(): RuntimeEnvironment[];

  /** One configured environment; a `NotFoundError` for any other name. */
  environment(name: string): RuntimeEnvironment;

  /** Whether the environment has the upstream configured. */
  has(environment: string, upstream: keyof RuntimeUpstreamClients): boolean;

  /**
   * The client of an upstream in an environment; an `InputError` naming both when the environment has
   * no such upstream configured, a `NotFoundError` when the environment is not configured.
   */
  client<U extends keyof RuntimeUpstreamClients>(
    environment: string,
    upstream: U,
  ): RuntimeUpstreamClients[U];

  /** The client of a platform-wide upstream, or undefined when it is not configured. */
  platformClient<U extends keyof RuntimePlatformClients>(
    upstream: U,
  ): RuntimePlatformClients[U] | undefined;

  /** How a platform-wide upstream is reached (for links to its UI), or undefined. */
  platformAccess(
    upstream: keyof RuntimePlatformClients,
  ): RuntimeDeliveryServices[keyof RuntimePlatformClients];
}
