import { listen } from '../http/listen';
import { ServerOptions, StatefulRunningServer } from '../types';
import { ApiServer } from './ApiServer';
import { ContinueTokens } from './continueTokens';
import { ControllerRuntime, startControllers } from './controllers';
import { createKubernetesHandler } from './handler';
import { ObjectStore } from './ObjectStore';
import { WatchHub, WatchHubOptions } from './watch';
import { KubernetesObject } from './objects';
import { PORTAL_IDENTITY } from '../deploy';
import {
  CLUSTER_ADMIN_USER,
  UserInfo,
  seedRbac,
  serviceAccountUser,
} from './rbac';
import { resourceOfKind } from './resources';
import { seedObjects } from './seedObjects';
import { KubernetesSnapshot, kubernetesSnapshot } from './snapshot';

/** How long a new workload takes to become ready when `readyAfterMs` is not given. */
const DEFAULT_READY_AFTER_MS = 3000;

/** Options of the sandbox Kubernetes API server. */
export interface KubernetesServerOptions extends ServerOptions {
  /**
   * How long a paged list's `continue` tokens stay valid (default 5 minutes, as etcd compaction
   * makes them last); after that a page request answers 410 `Expired`.
   */
  continueTokenTtlMs?: number;
  /** Watch history and bookmark settings (see {@link WatchHubOptions}). */
  watch?: WatchHubOptions;
}

/** A running sandbox Kubernetes API server, with helpers for tests and benchmarks. */
export interface RunningKubernetesServer
  extends StatefulRunningServer<KubernetesSnapshot> {
  /**
   * Creates objects as POSTs would (validation, defaults, metadata, managed fields) without HTTP,
   * and resolves once the simulated controllers have reacted. Namespaced objects need their
   * Namespace first (in the same call or before).
   */
  insert(objects: KubernetesObject[]): Promise<void>;
  /** Expires every continue token issued so far, as an etcd compaction does. */
  expireContinueTokens(): void;
  /** Forgets the watch history: a watch from any older resourceVersion then gets 410 `Expired`. */
  compactWatchHistory(): void;
  /** Ends every open watch stream, as a dropped connection or an API server restart does. */
  closeWatches(): void;
  /** Resolves once the simulated controllers have no queued work (timers may still be pending). */
  controllersIdle(): Promise<void>;
}

/**
 * Starts an in-memory Kubernetes API server for the kinds the Runtime Portal uses (Namespaces,
 * Pods, Services, Deployments, StatefulSets, KubeAI Models, Argo Events EventBuses, EventSources
 * and Sensors, Argo CD Applications), seeded from `options.seed` and answering only bearer token
 * `options.credentials.kubernetesToken`. Simulated controllers bring Pods and status to life after
 * `options.readyAfterMs`; the seeded Runtime is ready when the promise resolves.
 */
export async function startKubernetesServer(
  options: KubernetesServerOptions,
): Promise<RunningKubernetesServer> {
  const store = new ObjectStore();
  const watches = new WatchHub(store, options.watch);
  const api = new ApiServer(
    store,
    new ContinueTokens(options.continueTokenTtlMs),
  );
  const runtime = new ControllerRuntime(
    options.readyAfterMs ?? DEFAULT_READY_AFTER_MS,
  );
  startControllers(api, runtime);

  runtime.instant = true;
  for (const { object, manager, operation } of seedObjects(options.seed)) {
    const resource = resourceOfKind(object.kind!);
    const { namespace, name } = object.metadata!;
    if (operation === 'apply') {
      api.patch(resource, namespace, name!, 'apply', object, { manager });
    } else {
      api.create(resource, namespace, object, { manager });
    }
  }
  seedRbac(api, options.seed);
  await runtime.idle();
  runtime.instant = false;

  const server = await listen(
    createKubernetesHandler(api, tokenUsers(options), watches),
    options.port,
    options.host,
  );
  return {
    url: server.url,
    close: async () => {
      runtime.stop();
      watches.closeAll();
      await server.close();
    },
    insert: async objects => {
      api.insert(objects);
      await runtime.idle();
    },
    expireContinueTokens: () => api.expireContinueTokens(),
    compactWatchHistory: () => watches.compact(),
    closeWatches: () => watches.closeAll(),
    controllersIdle: () => runtime.idle(),
    snapshot: async () => {
      await runtime.settled();
      return kubernetesSnapshot(store);
    },
  };
}

/** Who each accepted token is (see {@link startKubernetesServer}). */
function tokenUsers(options: KubernetesServerOptions): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  if (options.adminCredentials) {
    const { namespace, name } = PORTAL_IDENTITY.serviceAccount;
    users.set(
      options.credentials.kubernetesToken,
      serviceAccountUser(namespace, name),
    );
    users.set(options.adminCredentials.kubernetesToken, CLUSTER_ADMIN_USER);
  } else {
    users.set(options.credentials.kubernetesToken, CLUSTER_ADMIN_USER);
  }
  return users;
}
