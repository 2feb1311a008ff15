import {
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesKind,
  KubernetesObject,
  MODEL_KIND,
  RuntimeClientsService,
  RuntimeUpstreamClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { readBuckets } from './buckets';
import { inferenceEndpointOf } from './inferenceEndpoints';
import { LiveResource } from './liveResourceEntity';
import { readSecrets } from './secrets';
import { readTemporalWorkflows, sensorWorkflowOf } from './workflows';

/** What every source of live resources of one type has. */
interface LiveResourceSourceBase {
  /** Stable id, part of the catalog location, e.g. `models`. */
  id: string;
  type: RuntimeResourceType;
  upstream: keyof RuntimeUpstreamClients;
}

/** A small upstream, read whole on every refresh. */
export interface ListedLiveResourceSource extends LiveResourceSourceBase {
  read(
    clients: RuntimeClientsService,
    environment: string,
    signal?: AbortSignal,
  ): Promise<LiveResource[]>;
}

/** A Kubernetes kind, kept current by a watch; each object maps to one live resource. */
export interface WatchedLiveResourceSource<
  T extends KubernetesObject = KubernetesObject,
> extends LiveResourceSourceBase {
  upstream: 'kubernetes';
  kind: KubernetesKind<T>;
  toResource(object: T, environment: string): LiveResource;
}

/** One upstream that yields live resources of one type. */
export type LiveResourceSource =
  | ListedLiveResourceSource
  | WatchedLiveResourceSource<any>;

/** Whether a source is a watched Kubernetes kind. */
export function isWatchedSource(
  source: LiveResourceSource,
): source is WatchedLiveResourceSource<any> {
  return 'kind' in source;
}

/** Every source of live resources the catalog module reads. */
export const LIVE_RESOURCE_SOURCES: readonly LiveResourceSource[] = [
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
    id: 'temporal-namespaces',
    type: RUNTIME_RESOURCE_TYPES.workflow,
    upstream: 'temporal',
    read: (clients, env, signal) =>
      readTemporalWorkflows(clients.client(env, 'temporal'), env, signal),
  },
];
