import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { RuntimeResourceType } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesKind,
  KubernetesObject,
  RuntimeClientsService,
  RuntimeOwnerResolver,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  discoverInstallations,
  EnvironmentInstallations,
  INSTALLATION_LABEL_SELECTOR,
} from '../discovery/discoverInstallations';
import { withInstallations } from '../discovery/withInstallations';
import {
  PLATFORM_MODEL_LOCATION,
  platformModelEntities,
} from '../platformModel/platformModelEntities';
import { distinctNames } from '../resources/distinctNames';
import {
  liveResourceEntity,
  liveResourceLocation,
} from '../resources/liveResourceEntity';
import {
  isJoinedWatchedSource,
  JoinedWatchedLiveResourceSource,
} from '../resources/joinedWatchedSource';
import {
  BuiltInLiveResourceSource,
  isWatchedSource,
  LIVE_RESOURCE_SOURCES,
  LiveResourceSource,
  WatchedLiveResourceSource,
} from '../resources/liveResourceSources';
import { EmittedEntities, entityHash, ScopedEntity } from './EmittedEntities';
import { KubernetesInformer, objectKey } from './KubernetesInformer';
import { RefreshMarker } from './RefreshMarker';

/** What the provider is made from. */
export interface RuntimeEntityProviderOptions {
  clients: RuntimeClientsService;
  logger: LoggerService;
  platformOwner: string;
  ownerFallback: string;
  /** Prefix of live resource entity names (`runtime.resourceNamePrefix`). */
  namePrefix?: string;
  /** Environments to read; all configured ones when undefined. */
  environments?: string[];
  kinds: RuntimeResourceType[];
  /**
   * Live resource sources adopters added (checked by `checkExtraLiveResourceSources`), read on every
   * refresh like the built-in ones, whatever `kinds` says.
   */
  extraSources?: readonly LiveResourceSource[];
  /** Replaces the default owner resolution of live resources. */
  ownerResolver?: RuntimeOwnerResolver;
  /** Refreshes on this schedule once connected; without it, call `refresh()` (tests, benchmarks). */
  schedule?: {
    scheduler: SchedulerService;
    definition: SchedulerServiceTaskScheduleDefinition;
  };
  /**
   * Shared by the backend's replicas (through the cache service): when another replica refreshed
   * since this one did, this one sends the whole set instead of a delta from its own stale one.
   * Without it, the provider assumes it is the only one applying mutations.
   */
  refreshMarker?: RefreshMarker;
  /** Waits between failed watch attempts (default 1 s doubling to 60 s). */
  watchBackoff?: { initialMs: number; maxMs: number };
  /**
   * How long a watched change waits for more before it triggers the scheduled refresh (default
   * 500 ms), so that a burst of changes costs one refresh.
   */
  changeSettleMs?: number;
}

/**
 * An entity mapped from one Kubernetes object, kept while the object's version (and that of the
 * object it is joined with) stays.
 */
interface MappedObject {
  version?: string;
  entity: Entity;
  entityRef: string;
  hash: string;
}

/** The entities of one watched scope, as of one version of its informers. */
interface MappedScope {
  version: string;
  objects: Map<string, MappedObject>;
  entities: ScopedEntity[];
}

/** What one refresh did. */
export interface RuntimeRefreshResult {
  mutation: 'none' | 'full' | 'delta';
  added: number;
  removed: number;
  /** Scopes (`<environment>/<source>`) whose upstream failed; their entities were kept. */
  failedScopes: string[];
}

/** The id of the scheduled refresh task. */
export const RUNTIME_REFRESH_TASK_ID = 'runtime-entity-provider:refresh';

/**
 * Puts the Runtime into the catalog: the platform model (Domain, Systems, Components, APIs) with what
 * each environment has installed folded into the Components' annotations, and the live resources of
 * every environment as Resources. It is the only provider of these entities.
 *
 * Each refresh diffs against the last emitted set and applies only what changed (nothing when nothing
 * did). The first refresh after start sends one `full` mutation, which sets the catalog's set for this
 * provider; until every upstream has answered once, refreshes only add, so an upstream that is down at
 * start never removes its entities. Later, a failing upstream keeps its previous entities.
 *
 * Kubernetes kinds (Models, Sensors, ApisixRoutes and the Certificates they are joined with, the
 * components' workloads) are kept in memory by one watch each ({@link KubernetesInformer}), so a
 * refresh reads them without calling the API server and maps only the objects whose resourceVersion
 * (or whose joined object's) changed; while a watch is down, a refresh lists that kind. A watched
 * change triggers the scheduled refresh. The other upstreams are small and read whole on every
 * refresh. Call `stop()` on shutdown.
 */
export class RuntimeEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private emitted = new EmittedEntities();
  private readonly installations = new Map<string, EnvironmentInstallations>();
  private baselineSet = false;
  private running?: Promise<RuntimeRefreshResult>;
  private readonly informers = new Map<string, KubernetesInformer<any>>();
  private readonly mapped = new Map<string, MappedScope>();
  private stopped = false;
  private changeTimer?: ReturnType<typeof setTimeout>;
  private changedWhileRunning = false;

  private readonly sources: readonly BuiltInLiveResourceSource[];

  constructor(private readonly options: RuntimeEntityProviderOptions) {
    this.sources = [
      ...LIVE_RESOURCE_SOURCES.filter(source =>
        (options.kinds as string[]).includes(source.type),
      ),
      ...(options.extraSources ?? []),
    ];
  }

  getProviderName(): string {
    return 'runtime';
  }

  /** Keeps the connection and starts the scheduled refresh (one task across replicas). */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { schedule } = this.options;
    if (!schedule) return;
    await schedule.scheduler.scheduleTask({
      id: RUNTIME_REFRESH_TASK_ID,
      ...schedule.definition,
      fn: async signal => {
        await this.refresh(signal);
      },
    });
  }

  /** Stops every watch (on shutdown); later refreshes list Kubernetes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.changeTimer);
    const informers = [...this.informers.values()];
    this.informers.clear();
    await Promise.all(informers.map(informer => informer.stop()));
  }

  /** Reads the Runtime and applies what changed; concurrent calls share one run. */
  refresh(signal?: AbortSignal): Promise<RuntimeRefreshResult> {
    this.running ??= this.run(signal).finally(() => {
      this.running = undefined;
      if (this.changedWhileRunning) {
        this.changedWhileRunning = false;
        this.watchedChange();
      }
    });
    return this.running;
  }

  /**
   * A watch saw a Kubernetes object change (a template's new Model, someone's kubectl edit): the
   * scheduled refresh runs once the changes settle, instead of at its next interval. A change during
   * a refresh, which may have read the cache before it, triggers one more. Without a schedule
   * (tests, benchmarks) callers refresh themselves.
   */
  private watchedChange() {
    const scheduler = this.options.schedule?.scheduler;
    if (!scheduler || this.stopped) return;
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      if (this.running) {
        this.changedWhileRunning = true;
        return;
      }
      Promise.resolve(scheduler.triggerTask(RUNTIME_REFRESH_TASK_ID)).catch(
        error => {
          // Running elsewhere or not scheduled yet: that run, or the next, reads the change.
          this.options.logger.debug(
            `Runtime refresh after a watched change not triggered: ${error}`,
          );
        },
      );
    }, this.options.changeSettleMs ?? 500);
  }

  private async run(signal?: AbortSignal): Promise<RuntimeRefreshResult> {
    const connection = this.connection;
    if (!connection) throw new Error('RuntimeEntityProvider is not connected');
    const marker = this.options.refreshMarker;
    if (this.baselineSet && (await marker?.othersRefreshedSinceMine())) {
      // Another replica's mutations came after this one's: what it emitted is not the catalog's.
      this.options.logger.info(
        'Runtime catalog: another replica refreshed since this one did; sending the whole set',
      );
      this.resetBaseline();
    }
    const failed = new Set<string>();
    const environments = this.environmentNames();
    const [components, resources] = await Promise.all([
      this.modelEntities(environments, failed, signal),
      this.liveResourceEntities(environments, failed, signal),
    ]);
    const next = [...components, ...resources];
    try {
      const result = await this.apply(connection, next, failed);
      await marker?.recordMine();
      return result;
    } catch (error) {
      // The catalog may not have what this process now counts as emitted: start over next time.
      this.resetBaseline();
      throw error;
    }
  }

  private resetBaseline() {
    this.baselineSet = false;
    this.emitted = new EmittedEntities();
  }

  private async apply(
    connection: EntityProviderConnection,
    next: ScopedEntity[],
    failed: Set<string>,
  ): Promise<RuntimeRefreshResult> {
    if (!this.baselineSet && failed.size === 0) {
      this.emitted.advance(next, failed);
      await connection.applyMutation({
        type: 'full',
        entities: next.map(({ entity, locationKey }) => ({
          entity,
          locationKey,
        })),
      });
      this.baselineSet = true;
      return this.report('full', next.length, 0, failed);
    }
    const { added, removed } = this.emitted.advance(next, failed);
    // Before the baseline is set, the catalog may hold entities this process never saw: only add.
    const removals = this.baselineSet ? removed : [];
    if (added.length === 0 && removals.length === 0) {
      return this.report('none', 0, 0, failed);
    }
    await connection.applyMutation({ type: 'delta', added, removed: removals });
    return this.report('delta', added.length, removals.length, failed);
  }

  private report(
    mutation: RuntimeRefreshResult['mutation'],
    added: number,
    removed: number,
    failed: Set<string>,
  ): RuntimeRefreshResult {
    if (mutation !== 'none') {
      this.options.logger.info(
        `Runtime catalog refresh: ${mutation} mutation, ${added} added or changed, ${removed} removed`,
      );
    }
    return { mutation, added, removed, failedScopes: [...failed] };
  }

  private environmentNames(): string[] {
    const configured = this.options.clients.environments().map(e => e.name);
    const wanted = this.options.environments;
    return wanted
      ? configured.filter(name => wanted.includes(name))
      : configured;
  }

  private async modelEntities(
    environments: string[],
    failed: Set<string>,
    signal?: AbortSignal,
  ): Promise<ScopedEntity[]> {
    const { clients } = this.options;
    const byEnvironment = await Promise.all(
      environments
        .filter(env => clients.has(env, 'kubernetes'))
        .map(async env => {
          const scope = `runtime:${env}/workloads`;
          try {
            const found = await discoverInstallations(kind =>
              this.informer(env, kind, {
                labelSelector: INSTALLATION_LABEL_SELECTOR,
              }).read(signal),
            );
            this.installations.set(env, found);
          } catch (error) {
            failed.add(scope);
            this.warn(scope, error);
          }
          return [env, this.installations.get(env)] as [
            string,
            EnvironmentInstallations | undefined,
          ];
        }),
    );
    return platformModelEntities({ owner: this.options.platformOwner }).map(
      entity => ({
        entity:
          entity.kind === 'Component'
            ? withInstallations(entity, byEnvironment)
            : entity,
        locationKey: PLATFORM_MODEL_LOCATION,
        scope: PLATFORM_MODEL_LOCATION,
      }),
    );
  }

  private async liveResourceEntities(
    environments: string[],
    failed: Set<string>,
    signal?: AbortSignal,
  ): Promise<ScopedEntity[]> {
    const { clients } = this.options;
    const reads = environments.flatMap(env =>
      this.sources
        .filter(source => clients.has(env, source.upstream))
        .map(async source => {
          const scope = liveResourceLocation(env, source.id);
          try {
            return await this.readSource(source, env, scope, signal);
          } catch (error) {
            failed.add(scope);
            this.warn(scope, error);
            return [];
          }
        }),
    );
    const scoped = (await Promise.all(reads)).flat();
    const named: Entity[] = distinctNames(scoped.map(s => s.entity));
    return scoped.map((s, i) =>
      named[i] === s.entity
        ? { ...s, locationKey: s.scope }
        : // a renamed entity is a new one: hash it anew
          { entity: named[i], locationKey: s.scope, scope: s.scope },
    );
  }

  private async readSource(
    source: BuiltInLiveResourceSource,
    env: string,
    scope: string,
    signal?: AbortSignal,
  ): Promise<ScopedEntity[]> {
    const { clients, ownerFallback, namePrefix, ownerResolver } = this.options;
    const options = {
      ownerFallback,
      namePrefix,
      ownerResolver,
      location: scope,
    };
    if (isWatchedSource(source) || isJoinedWatchedSource(source)) {
      return this.mapWatched(source, env, scope, signal);
    }
    const resources = await source.read(clients, env, signal);
    return resources.map(resource => ({
      entity: liveResourceEntity(resource, options),
      scope,
    }));
  }

  /**
   * Maps the objects of a watched kind (joined with the objects of a second one they refer to),
   * reusing the entity of every object whose version, and its joined object's, stayed.
   */
  private async mapWatched(
    source:
      | WatchedLiveResourceSource<any>
      | JoinedWatchedLiveResourceSource<any, any, any>,
    env: string,
    scope: string,
    signal?: AbortSignal,
  ): Promise<ScopedEntity[]> {
    const joining = isJoinedWatchedSource(source) ? source : undefined;
    const informer = this.informer(env, source.kind, {
      mayBeUnserved: joining?.mayBeUnserved,
    });
    const joinedInformer =
      joining &&
      this.informer(env, joining.joined.kind, {
        mayBeUnserved: joining.mayBeUnserved,
      });
    const [objects, joinedObjects] = await Promise.all([
      informer.read(signal),
      joinedInformer?.read(signal),
    ]);
    const version = `${informer.version}/${joinedInformer?.version ?? ''}`;
    const last = this.mapped.get(scope);
    if (last && last.version === version) return last.entities;
    const index = joining?.joined.index(joinedObjects!);
    const previous = last?.objects ?? new Map<string, MappedObject>();
    const current = new Map<string, MappedObject>();
    const { ownerFallback, namePrefix, ownerResolver } = this.options;
    for (const object of objects as KubernetesObject[]) {
      const joined: KubernetesObject | undefined = joining?.joined.find(
        object,
        index,
      );
      const key = objectKey(object);
      const objectVersion = versionOf(object, joined);
      let mapped = previous.get(key);
      if (!mapped || !objectVersion || mapped.version !== objectVersion) {
        const resource = joining
          ? joining.toResource(object, env, joined)
          : (source as WatchedLiveResourceSource<any>).toResource(object, env);
        const entity = liveResourceEntity(resource, {
          ownerFallback,
          namePrefix,
          ownerResolver,
          location: scope,
        });
        mapped = {
          version: objectVersion,
          entity,
          entityRef: stringifyEntityRef(entity),
          hash: entityHash(entity, scope),
        };
      }
      current.set(key, mapped);
    }
    const entities = [...current.values()].map(
      ({ entity, entityRef, hash }) => ({ entity, entityRef, hash, scope }),
    );
    this.mapped.set(scope, { version, objects: current, entities });
    return entities;
  }

  /** The informer of one kind (and selector) in one environment, created on first use. */
  private informer<T extends KubernetesObject>(
    env: string,
    kind: KubernetesKind<T>,
    {
      labelSelector,
      mayBeUnserved,
    }: { labelSelector?: string; mayBeUnserved?: boolean } = {},
  ): KubernetesInformer<T> {
    const id = `${env}/${kind.group}/${kind.plural}?${labelSelector ?? ''}`;
    let informer = this.informers.get(id);
    if (!informer) {
      informer = new KubernetesInformer({
        client: this.options.clients.client(env, 'kubernetes'),
        kind,
        labelSelector,
        logger: this.options.logger,
        scope: `runtime:${env}/${kind.plural}`,
        backoff: this.options.watchBackoff,
        onChange: () => this.watchedChange(),
        mayBeUnserved,
      });
      // after stop(), reads still work (by listing) but no watch is kept
      if (!this.stopped) this.informers.set(id, informer);
      else void informer.stop();
    }
    return informer;
  }

  private warn(scope: string, error: unknown) {
    this.options.logger.warn(
      `Runtime catalog: reading ${scope} failed, keeping its previous entities: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The version of an object's entity: its resourceVersion, with that of the object it is joined with
 * (none when either has no resourceVersion: then it is mapped anew on every change).
 */
function versionOf(
  object: KubernetesObject,
  joined: KubernetesObject | undefined,
): string | undefined {
  const own = object.metadata.resourceVersion;
  if (!joined) return own;
  const theirs = joined.metadata.resourceVersion;
  return own && theirs ? `${own}+${objectKey(joined)}@${theirs}` : undefined;
}
