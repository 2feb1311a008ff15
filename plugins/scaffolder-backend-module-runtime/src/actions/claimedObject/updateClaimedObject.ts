import { ConflictError } from '@backstage/errors';
import {
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ClaimedObjectContext, readClaimedObject } from './claimedObject';

/** What {@link updateClaimedObject} did. */
export interface ClaimedObjectUpdate<T extends KubernetesObject> {
  /** The object as read (and checked) before the update. */
  before: T;
  /** The object after the update (on a dry run: as the API server would make it). */
  object: T;
  /** Whether anything was (on a dry run: would be) written. */
  changed: boolean;
}

/**
 * How to change a claimed object: apply the fields the portal manages (server-side apply), or a
 * JSON merge patch (which can also remove a field the create wrote, by setting it to `null`).
 */
export type ClaimedObjectWrite<T extends KubernetesObject> =
  | { apply: T }
  | { mergePatch: Record<string, unknown> };

/**
 * Changes the existing object `kind` `namespace/name` of `context.claim`: reads it and checks its
 * claim (a `ConflictError` naming both claims otherwise), asks `change` for the write to make
 * (`undefined`: nothing to change, and nothing is written), and makes it with the `resourceVersion`
 * that was read as a precondition (or `context.resourceVersion`, of an earlier read). A concurrent
 * change of the object makes the API server answer `Conflict`: it is refused with a
 * `ConflictError`, never overwritten (after a new claim check, so a takeover names the other
 * claim). Resolves `undefined` when there is no object.
 */
export async function updateClaimedObject<T extends KubernetesObject>(
  kind: KubernetesKind<T>,
  namespace: string,
  name: string,
  context: ClaimedObjectContext & {
    dryRun?: boolean;
    /** Write only over this version (of an earlier read) instead of the one read here. */
    resourceVersion?: string;
  },
  change: (live: T) => ClaimedObjectWrite<T> | undefined,
): Promise<ClaimedObjectUpdate<T> | undefined> {
  const { kubernetes, signal, dryRun } = context;
  const before = await readClaimedObject(kind, namespace, name, context);
  if (!before) return undefined;
  const write = change(before);
  if (!write) return { before, object: before, changed: false };
  const resourceVersion =
    context.resourceVersion ?? before.metadata.resourceVersion;
  try {
    const object =
      'apply' in write
        ? await kubernetes.apply(write.apply, {
            resourceVersion,
            dryRun,
            signal,
          })
        : await kubernetes.mergePatch(
            kind,
            namespace,
            name,
            {
              ...write.mergePatch,
              metadata: {
                ...(write.mergePatch.metadata as object | undefined),
                resourceVersion,
              },
            },
            { dryRun, signal },
          );
    return { before, object, changed: true };
  } catch (error) {
    if (!isRuntimeUpstreamError(error, 'Conflict', 'NotFound')) throw error;
    await readClaimedObject(kind, namespace, name, context);
    throw new ConflictError(
      `${kind.kind} ${namespace}/${name} in ${context.environment} was changed by someone else while it was being updated; nothing was overwritten, run the step again: ${error.message}`,
    );
  }
}
