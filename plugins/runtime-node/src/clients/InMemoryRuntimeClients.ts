import { InputError } from '@backstage/errors';
import { environmentByName } from './environmentByName';
import { RuntimeDeliveryServices, RuntimeEnvironment } from '../config';
import {
  RuntimeClientsService,
  RuntimePlatformClients,
  RuntimeUpstreamClients,
} from './RuntimeClientsService';

/**
 * The clients given to an {@link InMemoryRuntimeClients}, by environment name then upstream. A client
 * may be partial: a test gives only the methods its code calls.
 */
export type GivenUpstreamClients = Record<
  string,
  { [U in keyof RuntimeUpstreamClients]?: Partial<RuntimeUpstreamClients[U]> }
>;

/** What an {@link InMemoryRuntimeClients} is made from. */
export interface InMemoryRuntimeClientsOptions {
  /**
   * The configured environments, in order. An environment named only in `clients` is added after
   * them, with its name as title and no access configured.
   */
  environments?: RuntimeEnvironment[];
  /** The client of each upstream of each environment. */
  clients?: GivenUpstreamClients;
  /** The clients of the platform-wide upstreams. */
  platformClients?: {
    [U in keyof RuntimePlatformClients]?: Partial<RuntimePlatformClients[U]>;
  };
  /** How the platform-wide upstreams are reached (for links). */
  platformAccess?: RuntimeDeliveryServices;
}

/**
 * A {@link RuntimeClientsService} that hands out the clients it was given, with the same errors as
 * `RuntimeClients` for unknown environments and missing upstreams. For tests.
 */
export class InMemoryRuntimeClients implements RuntimeClientsService {
  private readonly byName: Map<string, RuntimeEnvironment>;
  private readonly clients: GivenUpstreamClients;

  constructor(private readonly options: InMemoryRuntimeClientsOptions = {}) {
    this.clients = options.clients ?? {};
    this.byName = new Map(
      (options.environments ?? []).map(e => [e.name, e] as const),
    );
    for (const name of Object.keys(this.clients)) {
      if (!this.byName.has(name)) this.byName.set(name, { name, title: name });
    }
  }

  environments(): RuntimeEnvironment[] {
    return [...this.byName.values()];
  }

  environment(name: string): RuntimeEnvironment {
    return environmentByName(this.byName, name);
  }

  has(environment: string, upstream: keyof RuntimeUpstreamClients): boolean {
    this.environment(environment);
    return this.clients[environment]?.[upstream] !== undefined;
  }

  client<U extends keyof RuntimeUpstreamClients>(
    environment: string,
    upstream: U,
  ): RuntimeUpstreamClients[U] {
    this.environment(environment);
    const client = this.clients[environment]?.[upstream];
    if (!client) {
      throw new InputError(
        `Runtime environment '${environment}' has no ${upstream} configured (runtime.environments[].${upstream})`,
      );
    }
    return client as RuntimeUpstreamClients[U];
  }

  platformClient<U extends keyof RuntimePlatformClients>(
    upstream: U,
  ): RuntimePlatformClients[U] | undefined {
    return this.options.platformClients?.[upstream] as
      | RuntimePlatformClients[U]
      | undefined;
  }

  platformAccess(
    upstream: keyof RuntimePlatformClients,
  ): RuntimeDeliveryServices[keyof RuntimePlatformClients] {
    return this.options.platformAccess?.[upstream];
  }
}
