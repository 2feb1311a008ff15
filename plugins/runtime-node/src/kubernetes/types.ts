import type { KubeAIModelEngine, KubeAIModelFeature } from './kubeaiModel';
import { KubernetesAccess } from '../config';

/**
 * An owner reference of a Kubernetes object.
 *
 * @public
 */
export interface KubernetesOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * One `metadata.managedFields` entry (server-side apply ownership).
 *
 * @public
 */
export interface KubernetesManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

/**
 * Object metadata, as the API server returns it (timestamps are RFC 3339 strings).
 *
 * @public
 */
export interface KubernetesObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: KubernetesOwnerReference[];
  finalizers?: string[];
  managedFields?: KubernetesManagedFieldsEntry[];
}

/**
 * Any Kubernetes object as plain JSON. Lists always return items with `apiVersion` and `kind` set.
 *
 * @public
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: KubernetesObjectMeta;
  [field: string]: unknown;
}

/**
 * The `spec` of a KubeAI `Model` (kubeai.org/v1), as KubeAI v0.14.0 (the Runtime's version)
 * declares it.
 *
 * @public
 */
export interface KubeAIModelSpec {
  /** `hf://`, `pvc://`, `ollama://` (and `s3://`, `gs://`, `oss://` with a cacheProfile); immutable. */
  url: string;
  engine: KubeAIModelEngine;
  features: KubeAIModelFeature[];
  /** `<profile>:<count>`, e.g. `nvidia-gpu-l4:1`. */
  resourceProfile?: string;
  cacheProfile?: string;
  minReplicas?: number;
  maxReplicas?: number;
  replicas?: number;
  autoscalingDisabled?: boolean;
  targetRequests?: number;
  scaleDownDelaySeconds?: number;
  args?: string[];
  env?: Record<string, string>;
  adapters?: Array<{ name: string; url: string }>;
  loadBalancing?: {
    strategy?: 'LeastLoad' | 'PrefixHash';
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/**
 * A KubeAI `Model`.
 *
 * @public
 */
export interface KubeAIModel extends KubernetesObject {
  spec: KubeAIModelSpec;
  status?: {
    replicas?: { all: number; ready: number };
    cache?: { loaded: boolean };
  };
}

/**
 * A status condition as Argo Events and most controllers write it.
 *
 * @public
 */
export interface KubernetesCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/**
 * An Argo Events `EventSource`; `spec` is keyed by source type (`webhook`, `calendar`, `minio`, …).
 *
 * @public
 */
export interface ArgoEventSource extends KubernetesObject {
  spec: {
    eventBusName?: string;
    /** The ClusterIP Service Argo Events makes for the event source (none without `ports`). */
    service?: ArgoEventSourceService;
    [sourceType: string]: unknown;
  };
  status?: { conditions?: KubernetesCondition[] };
}

/**
 * An EventSource's `spec.service` (`Service` of Argo Events' `eventsource_types.go`): the ports of the
 * ClusterIP Service `<eventsource>-eventsource-svc` the controller creates.
 *
 * @public
 */
export interface ArgoEventSourceService {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  /** Kubernetes `ServicePort`s; `targetPort` defaults to `port`. */
  ports?: Array<{
    name?: string;
    port: number;
    targetPort?: number | string;
    protocol?: string;
  }>;
  clusterIP?: string;
}

/**
 * An Argo Events `EventBus` (`eventbus_types.go`): the transport of a namespace's EventSources and
 * Sensors, e.g. `spec.jetstream.version`.
 *
 * @public
 */
export interface ArgoEventBus extends KubernetesObject {
  spec: {
    jetstream?: { version?: string; [field: string]: unknown };
    [busType: string]: unknown;
  };
  status?: { conditions?: KubernetesCondition[] };
}

/**
 * An Argo Events `Sensor`.
 *
 * @public
 */
export interface ArgoSensor extends KubernetesObject {
  spec: {
    dependencies: Array<{
      name: string;
      eventSourceName: string;
      eventName: string;
      [field: string]: unknown;
    }>;
    triggers: Array<{
      template: { name: string; [triggerType: string]: unknown };
      [field: string]: unknown;
    }>;
    [field: string]: unknown;
  };
  status?: { conditions?: KubernetesCondition[] };
}

/**
 * An Argo CD `Application` (only the fields the suite reads are typed).
 *
 * @public
 */
export interface ArgoCDApplication extends KubernetesObject {
  spec: Record<string, unknown>;
  status?: {
    sync?: { status?: 'Synced' | 'OutOfSync' | 'Unknown'; revision?: string };
    health?: {
      status?:
        | 'Healthy'
        | 'Progressing'
        | 'Degraded'
        | 'Suspended'
        | 'Missing'
        | 'Unknown';
    };
    operationState?: { phase?: string; finishedAt?: string };
    history?: Array<{ id: number; revision?: string; deployedAt?: string }>;
    [field: string]: unknown;
  };
}

/**
 * A Deployment or StatefulSet (only the fields the suite reads are typed). Zero counts are absent
 * from `status`, as the API server omits them.
 *
 * @public
 */
export interface KubernetesWorkload extends KubernetesObject {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    [field: string]: unknown;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    [field: string]: unknown;
  };
}

/**
 * A kind the client knows how to address: its API group (empty for core), version, plural
 * resource name and scope. The type parameter only types what calls with this kind return.
 *
 * @public
 */
export interface KubernetesKind<T extends KubernetesObject = KubernetesObject> {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Never set: carries the object type of the kind. */
  readonly objectType?: T;
}

/**
 * Options of every call.
 *
 * @public
 */
export interface KubernetesCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Options of one list call.
 *
 * @public
 */
export interface KubernetesListOptions extends KubernetesCallOptions {
  /** Namespace to list in; all namespaces when omitted (for namespaced kinds). */
  namespace?: string;
  /** A label selector, e.g. `runtime-portal.io/owner=team-a,tier in (gold)`. */
  labelSelector?: string;
  /** A field selector, e.g. `metadata.name=llama`. */
  fieldSelector?: string;
  /** Page size. */
  limit?: number;
  /** The token of the previous page. */
  continue?: string;
}

/**
 * One page of a list.
 *
 * @public
 */
export interface KubernetesListPage<T extends KubernetesObject> {
  items: T[];
  /** Token for the next page; absent on the last page. */
  continue?: string;
  /** The list's resourceVersion. */
  resourceVersion: string;
}

/**
 * Options of {@link KubernetesClient.listAll}.
 *
 * @public
 */
export interface KubernetesListAllOptions
  extends Omit<KubernetesListOptions, 'continue'> {
  /** Called after each page is fetched (progress reporting). */
  onPage?: (page: { index: number; items: number; restarted: boolean }) => void;
}

/**
 * Options of a write.
 *
 * @public
 */
export interface KubernetesWriteOptions extends KubernetesCallOptions {
  /** Validate and run admission without persisting (`dryRun=All`). */
  dryRun?: boolean;
}

/**
 * Options of a server-side apply.
 *
 * @public
 */
export interface KubernetesApplyOptions extends KubernetesWriteOptions {
  /** Take fields owned by other managers instead of failing with `Conflict`. */
  force?: boolean;
  /**
   * Apply only if the live object still has this `metadata.resourceVersion` (optimistic
   * concurrency: a concurrent change fails with reason `Conflict`).
   */
  resourceVersion?: string;
}

/**
 * Options of a delete.
 *
 * @public
 */
export interface KubernetesDeleteOptions extends KubernetesWriteOptions {
  /** Treat an absent object as deleted (the call then resolves `false`). */
  ignoreNotFound?: boolean;
  /** How dependents are garbage-collected. */
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /**
   * Delete only the object with this uid and/or resourceVersion (`DeleteOptions.preconditions`):
   * an object replaced or changed since it was read fails with reason `Conflict`.
   */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * What a {@link KubernetesClient} is built from.
 *
 * @public
 */
export interface KubernetesClientOptions {
  /** The runtime environment's name (used in errors). */
  environment: string;
  access: KubernetesAccess;
  /** Replaces how requests are sent (tests); by default they go through `@kubernetes/client-node`. */
  fetch?: typeof fetch;
  /** Retries of safe reads after a transient failure; default 2. */
  retries?: number;
}

/**
 * One event of a watch. `BOOKMARK` carries only `metadata.resourceVersion` (progress, no change).
 *
 * @public
 */
export interface KubernetesWatchEvent<T extends KubernetesObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: T;
}

/**
 * Options of a watch.
 *
 * @public
 */
export interface KubernetesWatchOptions<T extends KubernetesObject> {
  /** Namespace to watch in; all namespaces when omitted (for namespaced kinds). */
  namespace?: string;
  labelSelector?: string;
  /** The changes after this version are sent (usually a list's `resourceVersion`). */
  resourceVersion: string;
  /** Ends the watch; the promise then resolves. */
  signal?: AbortSignal;
  /** Called for every event, in order; a throw ends the watch with that error. */
  onEvent(event: KubernetesWatchEvent<T>): void;
  /** Called once the API server has accepted the watch (the stream is open). */
  onOpen?(): void;
  /** How long the stream may stay silent before it counts as broken; default 150 s. */
  idleTimeoutMs?: number;
  /** How long the API server keeps the watch open before ending it normally; default 600 s. */
  timeoutSeconds?: number;
}
