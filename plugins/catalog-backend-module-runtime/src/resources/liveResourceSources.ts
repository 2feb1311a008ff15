import {
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClients,
  RuntimeUpstreamClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { readBuckets } from './buckets';
import { readInferenceEndpoints } from './inferenceEndpoints';
import { LiveResource } from './liveResourceEntity';
import { readSecrets } from './secrets';
import { readSensorWorkflows, readTemporalWorkflows } from './workflows';

/** One upstream list that yields live resources of one type. */
export interface LiveResourceSource {
  /** Stable id, part of the catalog location, e.g. `models`. */
  id: string;
  type: RuntimeResourceType;
  upstream: keyof RuntimeUpstreamClients;
  read(
    clients: RuntimeClients,
    environment: string,
    signal?: AbortSignal,
  ): Promise<LiveResource[]>;
}

/** Every source of live resources the catalog module reads. */
export const LIVE_RESOURCE_SOURCES: readonly LiveResourceSource[] = [
  {
    id: 'models',
    type: RUNTIME_RESOURCE_TYPES.inferenceEndpoint,
    upstream: 'kubernetes',
    read: (clients, env, signal) =>
      readInferenceEndpoints(clients.client(env, 'kubernetes'), env, signal),
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
    read: (clients, env, signal) =>
      readSensorWorkflows(clients.client(env, 'kubernetes'), env, signal),
  },
  {
    id: 'temporal-namespaces',
    type: RUNTIME_RESOURCE_TYPES.workflow,
    upstream: 'temporal',
    read: (clients, env, signal) =>
      readTemporalWorkflows(clients.client(env, 'temporal'), env, signal),
  },
];
