const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * A recorded expiry (`runtime-portal.io/expires-at`, key `expires-at`) as an ISO 8601 UTC timestamp
 * to the second (`2026-12-12T12:00:00Z`). Reads that form (with or without milliseconds) and the
 * compact one (`20261212T120000Z`); `undefined` for anything else, an empty value included (no
 * expiry).
 *
 * @public
 */
export function normalizeRuntimeExpiresAt(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = COMPACT.exec(value);
  const iso = compact
    ? `${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z`
    : value;
  if (!ISO.test(iso)) return undefined;
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
