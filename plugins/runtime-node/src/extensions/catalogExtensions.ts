import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { RuntimeClientsService, RuntimeUpstreamClients } from '../clients';
import type { KubernetesKind, KubernetesObject } from '../kubernetes';

/**
 * What the Runtime catalog module knows about one live resource: the input it maps to a catalog
 * `Resource` entity (named from environment, type, scope and name; owned by the resolved owner).
 *
 * @public
 */
export interface RuntimeLiveResource {
  environment: string;
  /** The Resource `spec.type`, e.g. `bucket` or an adopter's own type such as `queue`. */
  type: string;
  /** Namespace or other scope the raw name is unique within. */
  scope?: string;
  /** The resource's name in its upstream. */
  name: string;
  /** Where it is upstream, e.g. `team-a/llama` or `secret/team-a/db`. */
  upstreamRef: string;
  /** The component hosting it, e.g. `kubeai`; the entity depends on `component:default/<hostComponent>`. */
  hostComponent: string;
  /** The capability area of the hosting component; the entity is part of its system. */
  area: string;
  /** The owner value found upstream (label, tag, metadata), if any. */
  ownerValue: string | undefined;
  /** Where the owner was looked for, e.g. `label 'runtime-portal.io/owner'` (for the problem annotation). */
  ownerSource: string;
  /** The using service's name, when known. */
  service?: string;
  description?: string;
  /** Detail annotations (never secret values). */
  details: Record<string, string>;
  /**
   * When the resource expires, as recorded upstream (annotation or key `expires-at`, an ISO 8601 UTC
   * timestamp); the entity then carries the annotation `runtime-portal.io/expires-at`.
   */
  expiresAt?: string;
}

/**
 * What every source of live resources of one type has.
 *
 * @public
 */
export interface RuntimeLiveResourceSourceBase {
  /** Stable id, part of the catalog location `runtime:<environment>/<id>`, e.g. `models`. */
  id: string;
  /** The Resource `spec.type` of what the source yields. */
  type: string;
  /** The upstream read; environments without a client for it are skipped. */
  upstream: keyof RuntimeUpstreamClients;
}

/**
 * A small upstream, read whole on every refresh.
 *
 * @public
 */
export interface RuntimeListedLiveResourceSource
  extends RuntimeLiveResourceSourceBase {
  /** Lists the upstream's objects in one environment as live resources. */
  read(
    clients: RuntimeClientsService,
    environment: string,
    signal?: AbortSignal,
  ): Promise<RuntimeLiveResource[]>;
}

/**
 * A Kubernetes kind, kept current by a watch; each object maps to one live resource.
 *
 * @public
 */
export interface RuntimeWatchedLiveResourceSource<
  T extends KubernetesObject = KubernetesObject,
> extends RuntimeLiveResourceSourceBase {
  upstream: 'kubernetes';
  kind: KubernetesKind<T>;
  /** Maps one object of the kind to a live resource. */
  toResource(object: T, environment: string): RuntimeLiveResource;
}

/**
 * One upstream that yields live resources of one type: listed on every refresh, or a watched
 * Kubernetes kind.
 *
 * @public
 */
export type RuntimeLiveResourceSource =
  | RuntimeListedLiveResourceSource
  | RuntimeWatchedLiveResourceSource<any>;

/**
 * The interface for {@link runtimeLiveResourceSourcesExtensionPoint}.
 *
 * @public
 */
export interface RuntimeLiveResourceSourcesExtensionPoint {
  /**
   * Adds a source of live resources, read on every refresh like the built-in ones. Its type must
   * not be a built-in type and its id must be unique; the catalog module refuses it at startup
   * otherwise.
   */
  addLiveResourceSource(source: RuntimeLiveResourceSource): void;
}

/**
 * Adds live resource kinds to the Runtime catalog module (`catalog` plugin, module `runtime`).
 *
 * @public
 */
export const runtimeLiveResourceSourcesExtensionPoint =
  createExtensionPoint<RuntimeLiveResourceSourcesExtensionPoint>({
    id: 'runtime.catalog.liveResources',
  });

/**
 * The owner of a live resource, or the fallback owner with what was wrong.
 *
 * @public
 */
export interface RuntimeResolvedOwner {
  /** A group entity ref, e.g. `group:default/team-a`. */
  owner: string;
  /** Set when the fallback owner was used: what was found instead of a valid owner. */
  problem?: string;
}

/**
 * What an owner resolver is asked about one live resource.
 *
 * @public
 */
export interface RuntimeOwnerQuery {
  /** The owner value found upstream, if any. */
  value: string | undefined;
  /** Where it was looked for, e.g. `bucket tag 'runtime-portal.io/owner'`. */
  source: string;
  /** The group ref for resources without a valid owner (`catalog.providers.runtime.ownerFallback`). */
  fallback: string;
  /** The live resource whose owner is resolved. */
  resource: RuntimeLiveResource;
  /** What the default resolver gives: the value as a team name or group ref, else the fallback. */
  resolveDefault(): RuntimeResolvedOwner;
}

/**
 * Maps a live resource's upstream owner to a group ref.
 *
 * @public
 */
export type RuntimeOwnerResolver = (
  query: RuntimeOwnerQuery,
) => RuntimeResolvedOwner;

/**
 * The interface for {@link runtimeOwnerResolutionExtensionPoint}.
 *
 * @public
 */
export interface RuntimeOwnerResolutionExtensionPoint {
  /**
   * Replaces the default owner resolution. Only one resolver may be set. An owner the resolver gives
   * that is not a group ref is replaced by the fallback owner, with an owner problem annotation.
   */
  setOwnerResolver(resolver: RuntimeOwnerResolver): void;
}

/**
 * Replaces how the Runtime catalog module maps a live resource's upstream owner to a group.
 *
 * @public
 */
export const runtimeOwnerResolutionExtensionPoint =
  createExtensionPoint<RuntimeOwnerResolutionExtensionPoint>({
    id: 'runtime.catalog.ownerResolution',
  });
