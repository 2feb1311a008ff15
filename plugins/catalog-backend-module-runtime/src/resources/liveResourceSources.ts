import { RUNTIME_RESOURCE_TYPES } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesObject,
  MODEL_KIND,
  RuntimeLiveResourceSource,
  RuntimeWatchedLiveResourceSource,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { readBuckets } from './buckets';
import { readDatabases } from './databases';
import { inferenceEndpointOf } from './inferenceEndpoints';
import {
  isJoinedWatchedSource,
  JoinedWatchedLiveResourceSource,
} from './joinedWatchedSource';
import { readSecrets } from './secrets';
import { ROUTES_SOURCE } from './routes';
import { readTemporalWorkflows, sensorWorkflowOf } from './workflows';

/** A Kubernetes kind, kept current by a watch; each object maps to one live resource. */
export type WatchedLiveResourceSource<
  T extends KubernetesObject = KubernetesObject,
> = RuntimeWatchedLiveResourceSource<T>;

/** One upstream that yields live resources of one type (the public type of adopters' sources). */
export type LiveResourceSource = RuntimeLiveResourceSource;

/** Any source the catalog module reads: of a kind adopters may add, or (built in only) a joined pair of watched kinds. */
export type BuiltInLiveResourceSource =
  | LiveResourceSource
  | JoinedWatchedLiveResourceSource<any, any, any>;

/** Whether a source is a watched Kubernetes kind (not joined with another). */
export function isWatchedSource(
  source: BuiltInLiveResourceSource,
): source is WatchedLiveResourceSource<any> {
  return 'kind' in source && !isJoinedWatchedSource(source);
}

/** Every source of live resources the catalog module reads. */
export const LIVE_RESOURCE_SOURCES: readonly BuiltInLiveResourceSource[] = [
  {
    id: 'models',
    type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
    upstream: 'kubernetes',
    kind: MODEL_KIND,
    toResource: inferenceEndpointOf,
  },
  {
    id: 'secrets',
    type: RUNTIME_RESOURCE_TYPES.secret,
    upstream: 'openbao',
    read: (clients, env, signal) =>
      readSecrets(
        clients.client(env, 'openbao'),
        env,
        clients.environment(env).openbao!.kvMount,
        signal,
      ),
  },
  {
    id: 'buckets',
    type: RUNTIME_RESOURCE_TYPES.bucket,
    upstream: 'objectStorage',
    read: (clients, env, signal) =>
      readBuckets(clients.client(env, 'objectStorage'), env, signal),
  },
  {
    id: 'sensors',
    type: RUNTIME_RESOURCE_TYPES.workflow,
    upstream: 'kubernetes',
    kind: SENSOR_KIND,
    toResource: sensorWorkflowOf,
  },
  {
    id: 'databases',
    type: RUNTIME_RESOURCE_TYPES.database,
    upstream: 'postgres',
    read: (clients, env, signal) =>
      readDatabases(
        clients.client(env, 'postgres'),
        env,
        clients.environment(env).postgres!,
        signal,
      ),
  },
  {
    id: 'temporal-namespaces',
    type: RUNTIME_RESOURCE_TYPES.workflow,
    upstream: 'temporal',
    read: (clients, env, signal) =>
      readTemporalWorkflows(clients.client(env, 'temporal'), env, signal),
  },
  ROUTES_SOURCE,
];
