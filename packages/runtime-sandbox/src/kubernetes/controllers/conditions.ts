/** A `metav1.Condition`-like status condition (cert-manager's conditions have the same fields). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

/** A time as Kubernetes serialises `metav1.Time`: RFC 3339 in UTC, whole seconds. */
export function kubernetesTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `conditions` with `condition` set in place of the one of its type, as apimachinery's
 * `meta.SetStatusCondition` and cert-manager's `SetCertificateCondition` do: the
 * `lastTransitionTime` moves only when the status changes.
 */
export function setCondition(
  conditions: Condition[] | undefined,
  condition: Condition,
  now: Date,
): Condition[] {
  const existing = (conditions ?? []).find(c => c.type === condition.type);
  const lastTransitionTime =
    existing?.status === condition.status && existing.lastTransitionTime
      ? existing.lastTransitionTime
      : kubernetesTime(now);
  const updated = { ...condition, lastTransitionTime };
  return existing
    ? (conditions ?? []).map(c => (c === existing ? updated : c))
    : [...(conditions ?? []), updated];
}

/** `conditions` without the one of `type`. */
export function removeCondition(
  conditions: Condition[] | undefined,
  type: string,
): Condition[] {
  return (conditions ?? []).filter(c => c.type !== type);
}

/** True when the object's condition of `type` is `True`. */
export function conditionIsTrue(
  status: { conditions?: Condition[] } | undefined,
  type: string,
): boolean {
  return (status?.conditions ?? []).some(
    c => c.type === type && c.status === 'True',
  );
}
