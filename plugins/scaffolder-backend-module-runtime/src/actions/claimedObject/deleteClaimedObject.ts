import { ConflictError } from '@backstage/errors';
import {
  KubernetesClient,
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ClaimedObjectContext, readClaimedObject } from './claimedObject';

/** How often a delete is tried again after the object changed (a controller's status write). */
const ATTEMPTS = 3;

/** What {@link deleteCheckedObject} needs besides the object. */
export interface CheckedDeleteContext {
  kubernetes: KubernetesClient;
  environment: string;
  signal?: AbortSignal;
  dryRun?: boolean;
  /**
   * Reads the object again and checks it may still be removed (throwing when not); resolves
   * `undefined` when it is gone.
   */
  recheck(): Promise<KubernetesObject | undefined>;
}

/**
 * Deletes `checked`, an object read and found removable, with its uid and resourceVersion as
 * preconditions, so that an object replaced or changed in between is never removed unchecked. When
 * the object changed meanwhile (the API server's `Conflict`, e.g. a controller's status write), it
 * is re-read and re-checked (`recheck`) and, if it is still the same object (same uid), the delete
 * is tried again; a replaced object is a `ConflictError`. Resolves `true` when this call deleted it
 * (on a dry run: would delete it), `false` when it was gone already.
 */
export async function deleteCheckedObject(
  kind: KubernetesKind<any>,
  checked: KubernetesObject,
  context: CheckedDeleteContext,
): Promise<boolean> {
  const { kubernetes, signal, dryRun } = context;
  const { namespace, name, uid } = checked.metadata;
  const subject = `${kind.kind} ${namespace}/${name} in ${context.environment}`;
  let live: KubernetesObject | undefined = checked;
  for (let attempt = 1; ; attempt++) {
    try {
      return await kubernetes.delete(kind, namespace, name, {
        preconditions: { uid, resourceVersion: live.metadata.resourceVersion },
        ignoreNotFound: true,
        dryRun,
        signal,
      });
    } catch (error) {
      if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError(
          `${subject} changed while it was being removed, ${ATTEMPTS} times; run the step again: ${error.message}`,
        );
      }
    }
    live = await context.recheck();
    if (!live) return false;
    if (live.metadata.uid !== uid) {
      throw new ConflictError(
        `${subject} was replaced by another object while it was being removed; nothing was removed, run the step again`,
      );
    }
  }
}

/**
 * Deletes `checked`, an object found to be the context's claim (`readClaimedObject`), as
 * {@link deleteCheckedObject} does, re-checking the claim (owner and service labels) on every
 * retry: another claim's object is a `ConflictError` naming both.
 */
export function deleteClaimedObject<T extends KubernetesObject>(
  kind: KubernetesKind<T>,
  checked: T,
  context: ClaimedObjectContext & { dryRun?: boolean },
): Promise<boolean> {
  const { namespace, name } = checked.metadata;
  return deleteCheckedObject(kind, checked, {
    ...context,
    recheck: () => readClaimedObject(kind, namespace!, name, context),
  });
}
