import { escapeLiteral } from 'pg';
import { PostgresClaims } from './types';

/** Claim keys: a metadata key such as `owner`, `expires-at` or `example.com/cost-center`. */
const CLAIM_KEY =
  /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?(\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const MAX_CLAIMS = 16;
const MAX_VALUE_LENGTH = 256;

/**
 * Why `claims` cannot be stored, or undefined when they can: at most 16 entries, each a metadata
 * key (`name` or `prefix/name`) with a string value of at most 256 characters.
 */
export function invalidClaims(claims: unknown): string | undefined {
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    return 'claims must be an object of strings';
  }
  const entries = Object.entries(claims);
  if (entries.length > MAX_CLAIMS) {
    return `claims may have at most ${MAX_CLAIMS} keys`;
  }
  for (const [key, value] of entries) {
    if (!CLAIM_KEY.test(key) || key.length > 253) {
      return `claim key '${key}' must be a metadata key such as owner or service`;
    }
    if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
      return `claim '${key}' must be a string of at most ${MAX_VALUE_LENGTH} characters`;
    }
  }
  return undefined;
}

/** The COMMENT literal that stores claims: their JSON, keys sorted, as an escaped SQL string. */
export function claimsLiteral(claims: PostgresClaims): string {
  const sorted = Object.fromEntries(
    Object.keys(claims)
      .sort()
      .map(key => [key, claims[key]]),
  );
  return escapeLiteral(JSON.stringify(sorted));
}

/** The claims a COMMENT holds; undefined for no comment or one that is not a JSON object of strings. */
export function parseClaims(
  comment: string | null | undefined,
): PostgresClaims | undefined {
  if (!comment) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(comment);
  } catch {
    return undefined;
  }
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !Object.values(value).every(v => typeof v === 'string')
  ) {
    return undefined;
  }
  return value as PostgresClaims;
}
