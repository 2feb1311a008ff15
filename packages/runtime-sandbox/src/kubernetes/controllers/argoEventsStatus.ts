import { createHash } from 'node:crypto';
import { timestamp } from '../objects';

/**
 * Status conditions as Argo Events writes them (`pkg/apis/events/v1alpha1/status_types.go`): one per
 * type, sorted by type, `reason` and `message` omitted when empty; a condition keeps its
 * `lastTransitionTime` while it does not change.
 */

/** One status condition. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** A condition as a controller decides it, before its transition time is known. */
export type WantedCondition = Omit<Condition, 'lastTransitionTime'>;

/** `MarkTrue`. */
export const isTrue = (type: string): WantedCondition => ({
  type,
  status: 'True',
});

/** `MarkFalse(reason, message)`. */
export const isFalse = (
  type: string,
  reason: string,
  message: string,
): WantedCondition => ({ type, status: 'False', reason, message });

/** The `Unknown` state `InitConditions` leaves a condition in. */
export const isUnknown = (type: string): WantedCondition => ({
  type,
  status: 'Unknown',
});

/** The conditions to write: `wanted`, sorted by type, keeping unchanged conditions' times. */
export function conditionsFrom(
  previous: Condition[] | undefined,
  wanted: WantedCondition[],
): Condition[] {
  const now = timestamp(new Date());
  return wanted
    .map(c => {
      const old = (previous ?? []).find(p => p.type === c.type);
      const same =
        old &&
        old.status === c.status &&
        old.reason === c.reason &&
        old.message === c.message;
      return {
        ...c,
        lastTransitionTime: same ? old!.lastTransitionTime : now,
      };
    })
    .sort((a, b) => a.type.localeCompare(b.type));
}

/** `Status.IsReady`: there are conditions and all of them are `True`. */
export function isReady(status: { conditions?: Condition[] } | undefined) {
  const conditions = status?.conditions ?? [];
  return conditions.length > 0 && conditions.every(c => c.status === 'True');
}

/** The `resource-spec-hash` annotation Argo Events puts on the objects it makes. */
export const SPEC_HASH_ANNOTATION = 'resource-spec-hash';

/** A digest of an object the controller is about to make, to tell whether it changed. */
export function specHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The label naming the object that owns what a controller made (`LabelOwnerName`). */
export const OWNER_NAME_LABEL = 'owner-name';
