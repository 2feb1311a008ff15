import { ConflictError } from '@backstage/errors';
import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_SERVICE_LABEL,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesClient,
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, requireSameClaim } from '../shared';

/** How often a write is tried again after a concurrent change, re-reading and re-checking each time. */
const ATTEMPTS = 3;

/** Where a claimed object lives, and whose it must be. */
export interface ClaimedObjectContext {
  kubernetes: KubernetesClient;
  environment: string;
  claim: ResourceClaim;
  signal?: AbortSignal;
}

/** The labels that record `claim` on an object. */
export function claimLabels(claim: ResourceClaim): Record<string, string> {
  return {
    [RUNTIME_OWNER_LABEL]: claim.owner,
    [RUNTIME_SERVICE_LABEL]: claim.service,
  };
}

/**
 * Reads the object `kind` `namespace/name` and checks it is `claim`'s (its owner and service
 * labels): a `ConflictError` naming both claims otherwise. Resolves the live object, or `undefined`
 * when there is none.
 */
export async function readClaimedObject<T extends KubernetesObject>(
  kind: KubernetesKind<T>,
  namespace: string,
  name: string,
  context: ClaimedObjectContext,
): Promise<T | undefined> {
  const { kubernetes, signal } = context;
  const live = await kubernetes.get(kind, namespace, name, { signal });
  if (live) {
    const labels = live.metadata.labels ?? {};
    requireSameClaim(
      `${kind.kind} ${namespace}/${name} in ${context.environment}`,
      {
        owner: labels[RUNTIME_OWNER_LABEL],
        service: labels[RUNTIME_SERVICE_LABEL],
      },
      context.claim,
    );
  }
  return live;
}

/**
 * Writes `object` (which carries the claim's labels) so that another claim's object is never
 * rewritten, even by a concurrent run: an absent object is created (a concurrent create answers
 * `AlreadyExists`), an existing one is checked and applied with its `resourceVersion` as a
 * precondition (a concurrent change answers `Conflict`). After either answer the object is read
 * and checked again, so the loser of a race gets a `ConflictError` naming both claims.
 */
export async function writeClaimedObject<T extends KubernetesObject>(
  kind: KubernetesKind<T>,
  object: T,
  context: ClaimedObjectContext & { dryRun?: boolean },
): Promise<{ object: T; created: boolean }> {
  const { kubernetes, signal, dryRun } = context;
  const { name, namespace } = object.metadata;
  for (let attempt = 1; ; attempt++) {
    const live = await readClaimedObject(kind, namespace!, name, context);
    try {
      return live
        ? {
            object: await kubernetes.apply(object, {
              resourceVersion: live.metadata.resourceVersion,
              dryRun,
              signal,
            }),
            created: false,
          }
        : {
            object: await kubernetes.create(object, { dryRun, signal }),
            created: true,
          };
    } catch (error) {
      if (!isRuntimeUpstreamError(error, 'AlreadyExists', 'Conflict')) {
        throw error;
      }
      if (attempt >= ATTEMPTS) {
        throw new ConflictError(
          `${kind.kind} ${namespace}/${name} in ${context.environment} changed while it was being written, ${ATTEMPTS} times; run the step again: ${error.message}`,
        );
      }
    }
  }
}
