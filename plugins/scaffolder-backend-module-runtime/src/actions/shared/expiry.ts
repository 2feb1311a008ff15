import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';

type Z = typeof zod;

const DURATION = /^([1-9]\d{0,4})([hd])$/;
const HOUR_MS = 60 * 60 * 1000;
const MAX_HOURS = 365 * 24;

/** The word that removes a recorded expiry (`runtime:resource:extend` only). */
const NEVER_EXPIRES = 'never';

/** How long `<n>h` or `<n>d` is in hours; `undefined` when it is not such a duration. */
function durationHours(value: string): number | undefined {
  const match = DURATION.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'd' ? 24 : 1);
}

const durationMessage = 'must be a duration such as 12h, 7d or 30d';
const rangeMessage = 'must be between 1h and 365d';

/**
 * A create action's optional `expiresAfter`: `<n>h` or `<n>d`, from 1h to 365d. The action records
 * the moment it makes the resource plus this as the resource's expiry.
 */
export const expiresAfterField = (z: Z) =>
  z
    .string()
    .regex(DURATION, durationMessage)
    .refine(value => (durationHours(value) ?? 0) <= MAX_HOURS, rangeMessage)
    .optional()
    .describe(
      'Retire the resource this long after it is created: <n>h or <n>d, 1h to 365d (e.g. 7d); unset never expires. The owner is notified before, and a re-run keeps the first expiry (change it with runtime:resource:extend)',
    );

/** `runtime:resource:extend`'s `expiresAfter`: a duration as {@link expiresAfterField}, or `never`. */
export const extendExpiresAfterField = (z: Z) =>
  z
    .string()
    .refine(
      value => value === NEVER_EXPIRES || DURATION.test(value),
      `${durationMessage}, or never`,
    )
    .refine(
      value =>
        value === NEVER_EXPIRES || (durationHours(value) ?? 0) <= MAX_HOURS,
      rangeMessage,
    )
    .describe(
      'The new expiry, from now: <n>h or <n>d, 1h to 365d (e.g. 30d), or never to remove it',
    );

/**
 * An ISO 8601 UTC timestamp to the second (`2026-12-12T12:00:00Z`), the form the expiry is recorded in.
 */
export function expiryTimestamp(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The expiry `expiresAfter` (`<n>h`/`<n>d`) from `now` (default `Date.now()`, so jest's fake timers
 * set it), as {@link expiryTimestamp}; `undefined` for none, or for `never`. An `InputError` for
 * anything else, so callers that skip the schema cannot record a wrong date.
 */
export function expiresAtAfter(
  expiresAfter: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (expiresAfter === undefined || expiresAfter === NEVER_EXPIRES) {
    return undefined;
  }
  const hours = durationHours(expiresAfter);
  if (hours === undefined || hours > MAX_HOURS) {
    throw new InputError(
      `Invalid input: expiresAfter: ${durationMessage} (${rangeMessage})`,
    );
  }
  return expiryTimestamp(now + hours * HOUR_MS);
}

/** How a log line or a dry run says when a resource expires: `expires at <t>` or `never expires`. */
export function describeExpiry(expiresAt: string | undefined): string {
  return expiresAt ? `expires at ${expiresAt}` : 'never expires';
}

/**
 * The expiry a create records: the one already recorded on the resource (a re-run never moves it),
 * or, for a resource not recorded yet, `now + expiresAfter`. An empty recorded value (Temporal's
 * data cannot drop a key, so `never` leaves it empty) counts as none recorded.
 */
export function createExpiry(
  recorded: string | undefined,
  expiresAfter: string | undefined,
): string | undefined {
  return recorded ? recorded : expiresAtAfter(expiresAfter);
}
