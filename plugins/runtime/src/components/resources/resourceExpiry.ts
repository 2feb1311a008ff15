import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * When the live resource of `entity` expires (its `runtime-portal.io/expires-at` annotation), to the
 * minute in UTC, e.g. `2027-01-15 08:30 UTC`; `undefined` when it does not expire (or the
 * annotation cannot be read).
 */
export function resourceExpiryText(entity: Entity): string | undefined {
  const expiresAt = normalizeRuntimeExpiresAt(
    entity.metadata.annotations?.[RUNTIME_ANNOTATIONS.expiresAt],
  );
  if (!expiresAt) return undefined;
  return `${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC`;
}
