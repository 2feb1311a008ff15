import {
  KubernetesKind,
  KubernetesObject,
  RuntimeLiveResourceSourceBase,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/**
 * A Kubernetes kind whose objects each map to one live resource together with the object of a
 * second kind they refer to (an ApisixRoute and its cert-manager Certificate). Both kinds are kept
 * current by a watch each and joined in memory, so a change to either changes the resource.
 */
export interface JoinedWatchedLiveResourceSource<
  T extends KubernetesObject = KubernetesObject,
  J extends KubernetesObject = KubernetesObject,
  I = unknown,
> extends RuntimeLiveResourceSourceBase {
  upstream: 'kubernetes';
  kind: KubernetesKind<T>;
  /** The second kind, and how an object of `kind` finds the object of it that it refers to. */
  joined: {
    kind: KubernetesKind<J>;
    /** Indexes the second kind's objects (once for every change of them). */
    index(objects: J[]): I;
    /** The object of the second kind `object` refers to, if any. */
    find(object: T, index: I): J | undefined;
  };
  /**
   * The cluster may not serve the kinds (their CRDs are not installed): a kind that is not served
   * then reads as no objects instead of failing the source.
   */
  mayBeUnserved?: boolean;
  /** Maps one object of `kind`, with the object it refers to, to a live resource. */
  toResource(
    object: T,
    environment: string,
    joined: J | undefined,
  ): LiveResource;
}

/** Whether a source is a joined pair of watched Kubernetes kinds. */
export function isJoinedWatchedSource(
  source: object,
): source is JoinedWatchedLiveResourceSource<any, any, any> {
  return 'joined' in source && 'kind' in source;
}
