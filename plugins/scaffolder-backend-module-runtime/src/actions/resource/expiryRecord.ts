import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * How close a recorded expiry may be to the new one and still be kept: a re-run of the same extend
 * minutes later (a new `now`) then writes nothing.
 */
const EXPIRY_TOLERANCE_MS = 5 * 60 * 1000;

/** What an expiry writer found and did on one resource. */
export interface ExpiryChange {
  /** What was (or, on a dry run, would be) changed, e.g. `Model team-search/llama in dev`. */
  subjects: string[];
  /** The expiry recorded before (the first one found), if any. */
  previous?: string;
  /** Whether anything was (on a dry run: would be) written. */
  changed: boolean;
}

/** What every expiry writer is given: the new expiry (`undefined`: none) and how to run. */
export interface ExpiryWrite {
  expiresAt: string | undefined;
  dryRun: boolean;
  signal?: AbortSignal;
}

/** A recorded expiry as the writers compare it: an empty value (Temporal's `never`) is none. */
export function recordedExpiry(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

/**
 * Whether a record already holds the expiry `write` asks for: both none, or both times within
 * {@link EXPIRY_TOLERANCE_MS} of each other. Such a record is kept as it is.
 */
export function holdsExpiry(
  recorded: string | undefined,
  write: Pick<ExpiryWrite, 'expiresAt'>,
): boolean {
  const found = normalizeRuntimeExpiresAt(recorded);
  if (!found || !write.expiresAt) return !recorded && !write.expiresAt;
  return (
    Math.abs(Date.parse(found) - Date.parse(write.expiresAt)) <
    EXPIRY_TOLERANCE_MS
  );
}

/**
 * `values` (a bucket's tags, a secret's custom metadata, a database's claims) with `expires-at` set
 * to `expiresAt`, or removed when it is `undefined`; every other key is kept as it is.
 */
export function withExpiry(
  values: Record<string, string>,
  expiresAt: string | undefined,
): Record<string, string> {
  const { [RUNTIME_EXPIRES_AT_METADATA_KEY]: _previous, ...kept } = values;
  return expiresAt
    ? { ...kept, [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt }
    : kept;
}
