import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';
import { RuntimeActionRun } from '../shared';

const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const KEY_MAX_LENGTH = 128;
/** The longest value a key may have (64 KiB: room for a certificate chain). */
const VALUE_MAX_LENGTH = 65536;
/** The task secret that holds the initiator's Backstage token: never a secret value to store. */
const BACKSTAGE_TOKEN_SECRET = 'backstageToken';

/** The `keys` input of the secret actions: key names whose values come from the task's secrets. */
export const secretKeysField = (z: typeof zod, description: string) =>
  z
    .array(
      z
        .string()
        .max(KEY_MAX_LENGTH, `must be at most ${KEY_MAX_LENGTH} characters`)
        .regex(
          KEY_NAME,
          'must be letters, digits, "_", "." or "-", starting with a letter or "_"',
        ),
    )
    .min(1, 'must name at least one key')
    .max(32, 'must name at most 32 keys')
    .describe(description);

/**
 * The value of each key from the task's secrets; an `InputError` naming (only) missing, too long
 * or repeated keys, never a value.
 */
export function secretValues(
  run: RuntimeActionRun,
  keys: string[],
): Record<string, string> {
  if (keys.includes(BACKSTAGE_TOKEN_SECRET)) {
    throw new InputError(
      `Invalid input: keys: ${BACKSTAGE_TOKEN_SECRET} is the task's own Backstage token and cannot be stored`,
    );
  }
  const secrets = run.secrets ?? {};
  const missing = keys.filter(
    key => typeof secrets[key] !== 'string' || secrets[key] === '',
  );
  if (missing.length > 0) {
    throw new InputError(
      `Invalid input: keys: no template secret given for ${missing.join(
        ', ',
      )} (add a secret field of that name to the template's parameters)`,
    );
  }
  const tooLong = keys.filter(key => secrets[key].length > VALUE_MAX_LENGTH);
  if (tooLong.length > 0) {
    throw new InputError(
      `Invalid input: keys: the values of ${tooLong.join(
        ', ',
      )} are longer than ${VALUE_MAX_LENGTH} characters`,
    );
  }
  if (new Set(keys).size !== keys.length) {
    throw new InputError('Invalid input: keys: must not repeat a key');
  }
  return Object.fromEntries(keys.map(key => [key, secrets[key]]));
}
