import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

/** `runtime.expiry`: how often the expiry task runs and when owners are told. */
export interface RuntimeExpiryConfig {
  /** How often `runtime-resource-expiry` runs. Default 10 minutes. */
  frequency: HumanDuration;
  /** How many days before its expiry a resource's owner group is notified. Default 3. */
  notifyDaysBefore: number;
}

const KEY = 'runtime.expiry';

/**
 * Reads `runtime.expiry` (`frequency`, a HumanDuration or ISO 8601 duration; `notifyDaysBefore`, a
 * number of days from 0 to 365), with the defaults where unset; an invalid value is an error naming
 * the key.
 */
export function readRuntimeExpiryConfig(config: Config): RuntimeExpiryConfig {
  const expiry = config.getOptionalConfig(KEY);
  const frequency = expiry?.has('frequency')
    ? readDurationFromConfig(expiry, { key: 'frequency' })
    : { minutes: 10 };
  const notifyDaysBefore = expiry?.getOptionalNumber('notifyDaysBefore') ?? 3;
  if (
    !Number.isFinite(notifyDaysBefore) ||
    notifyDaysBefore < 0 ||
    notifyDaysBefore > 365
  ) {
    throw new Error(
      `Invalid config at '${KEY}.notifyDaysBefore': ${notifyDaysBefore} must be a number of days from 0 to 365`,
    );
  }
  return { frequency, notifyDaysBefore };
}
