import { normalizeRuntimeExpiresAt } from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * A recorded expiry (`runtime-portal.io/expires-at`) as a date, read as the catalog module reads it
 * (`normalizeRuntimeExpiresAt`: ISO 8601 UTC or its compact form); `undefined` for anything else.
 */
export function parseExpiresAt(value: unknown): Date | undefined {
  const normalized = normalizeRuntimeExpiresAt(value);
  return normalized ? new Date(normalized) : undefined;
}
