import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;

/**
 * Custom metadata key, on a secret the portal rotated, holding a salted scrypt digest of the values
 * it wrote and the version they are: how a re-run finds it has nothing to do without the portal ever
 * reading a value (its OpenBao policy has no `read` on `secret/data`).
 */
export const VALUES_FINGERPRINT_METADATA_KEY = 'runtime-portal-values';

/** scrypt's cost: 16 MiB and some tens of milliseconds per digest, so guessing values offline is slow. */
const COST = { N: 2 ** 14, r: 8, p: 1 };
const SALT_BYTES = 16;
const DIGEST_BYTES = 32;

/** `scrypt.<version>.<salt>.<digest>` (base64url). */
const FORMAT = /^scrypt\.(\d+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

function digest(values: Record<string, string>, salt: Buffer) {
  const canonical = JSON.stringify(
    Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return scryptAsync(canonical, salt, DIGEST_BYTES, COST);
}

/** The fingerprint of `values` written as `version`, with a fresh salt (never the values). */
export async function valuesFingerprint(
  values: Record<string, string>,
  version: number,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await digest(values, salt);
  return `scrypt.${version}.${salt.toString('base64url')}.${hash.toString(
    'base64url',
  )}`;
}

/**
 * Whether `fingerprint` (from the secret's custom metadata) says that version `version` holds
 * exactly `values`; false when there is none, it is of another version, or it does not match.
 */
export async function holdsValues(
  fingerprint: string | undefined,
  version: number,
  values: Record<string, string>,
): Promise<boolean> {
  const match = FORMAT.exec(fingerprint ?? '');
  if (!match || Number(match[1]) !== version) return false;
  const expected = Buffer.from(match[3], 'base64url');
  if (expected.length !== DIGEST_BYTES) return false;
  const actual = await digest(values, Buffer.from(match[2], 'base64url'));
  return timingSafeEqual(actual, expected);
}
