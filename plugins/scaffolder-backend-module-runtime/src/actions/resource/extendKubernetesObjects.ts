import { NotFoundError } from '@backstage/errors';
import { RUNTIME_EXPIRES_AT_ANNOTATION } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubernetesKind,
  KubernetesObject,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  ClaimedObjectContext,
  readClaimedObject,
  updateClaimedObject,
} from '../claimedObject';
import {
  ExpiryChange,
  ExpiryWrite,
  holdsExpiry,
  recordedExpiry,
} from './expiryRecord';

/**
 * Sets (or, for none, removes) the expiry annotation of a resource's Kubernetes objects (a KubeAI
 * Model; an Argo Events Sensor and its EventSource; a route's ApisixRoute, ApisixTls, DNSEndpoint
 * and Certificate), the first of `kinds` being the one that must
 * exist. Every object's claim is checked before any is written; each is then changed with a JSON
 * merge patch over the `resourceVersion` read (a concurrent change is a `ConflictError`, nothing
 * overwritten); an object that already records the expiry is not written. `NotFoundError` when the
 * first object does not exist. "Already records" allows a few minutes (see `holdsExpiry`).
 */
export async function extendKubernetesObjects(
  kinds: Array<KubernetesKind<KubernetesObject>>,
  target: { namespace: string; name: string },
  context: ClaimedObjectContext,
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { namespace, name } = target;
  const live: Array<{
    kind: KubernetesKind<KubernetesObject>;
    object: KubernetesObject;
  }> = [];
  for (const kind of kinds) {
    const object = await readClaimedObject(kind, namespace, name, context);
    if (object) live.push({ kind, object });
    else if (kind === kinds[0]) {
      throw new NotFoundError(
        `${kind.kind} ${namespace}/${name} does not exist in ${context.environment}`,
      );
    }
  }
  const previous = live
    .map(({ object }) =>
      recordedExpiry(
        object.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
      ),
    )
    .find(Boolean);
  const subjects: string[] = [];
  for (const { kind, object } of live) {
    const update = await updateClaimedObject(
      kind,
      namespace,
      name,
      {
        ...context,
        dryRun: write.dryRun,
        resourceVersion: object.metadata.resourceVersion,
      },
      current =>
        holdsExpiry(
          current.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
          write,
        )
          ? undefined
          : {
              mergePatch: {
                metadata: {
                  annotations: {
                    [RUNTIME_EXPIRES_AT_ANNOTATION]: write.expiresAt ?? null,
                  },
                },
              },
            },
    );
    if (update?.changed) {
      subjects.push(
        `${kind.kind} ${namespace}/${name} in ${context.environment}`,
      );
    }
  }
  return { subjects, previous, changed: subjects.length > 0 };
}
