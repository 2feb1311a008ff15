import {
  createHash,
  createHmac,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * The PBKDF2 iteration count of the verifiers made here: libpq's `SCRAM_SHA_256_DEFAULT_ITERATIONS`
 * (and the server's default `scram_iterations`).
 *
 * @public
 */
export const SCRAM_ITERATIONS = 4096;
/** libpq's `SCRAM_DEFAULT_SALT_LEN`, in bytes. */
const SALT_BYTES = 16;
/** SHA-256's output length (`SCRAM_SHA_256_KEY_LEN`). */
const KEY_BYTES = 32;
/** Printable ASCII: SASLprep (RFC 4013) leaves such a string as it is, as libpq's pg_saslprep does. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/** The longest password accepted (PostgreSQL itself limits a whole message to 1 GB; this is sanity). */
const MAX_PASSWORD_LENGTH = 1024;

/**
 * Whether a password can be turned into a verifier here exactly as libpq would: 1-1024 printable
 * ASCII characters (SASLprep, RFC 4013, changes nothing in those, so no normalisation is needed).
 */
export function isScramPassword(password: string): boolean {
  return (
    password.length <= MAX_PASSWORD_LENGTH && PRINTABLE_ASCII.test(password)
  );
}

/**
 * The SCRAM-SHA-256 secret PostgreSQL stores in `pg_authid.rolpassword`, computed client-side as
 * libpq's `PQencryptPasswordConn` does (RFC 5802 section 3, RFC 7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64), where SaltedPassword =
 * PBKDF2-HMAC-SHA-256(password, salt, iterations), ClientKey = HMAC(SaltedPassword, "Client Key"),
 * StoredKey = SHA-256(ClientKey) and ServerKey = HMAC(SaltedPassword, "Server Key"). Sent as the
 * role's PASSWORD, the server stores it as is, so the plaintext never reaches it (nor its logs).
 * The password must be 1-1024 printable ASCII characters (see `isScramPassword`).
 *
 * @public
 */
export function scramSha256Verifier(
  password: string,
  options: { salt?: Buffer; iterations?: number } = {},
): string {
  if (!isScramPassword(password)) {
    throw new Error('password must be 1-1024 printable ASCII characters');
  }
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const iterations = options.iterations ?? SCRAM_ITERATIONS;
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString(
    'base64',
  )}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Whether `password` matches a SCRAM-SHA-256 secret (the check the server makes, from the stored
 * salt and iteration count); false for anything that is not such a secret.
 *
 * @public
 */
export function scramVerifierMatches(
  password: string,
  verifier: string,
): boolean {
  const match =
    /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(
      verifier,
    );
  if (!match || !isScramPassword(password)) return false;
  const { storedKey, serverKey } = scramKeys(
    password,
    Buffer.from(match[2], 'base64'),
    Number(match[1]),
  );
  const expectedStored = Buffer.from(match[3], 'base64');
  const expectedServer = Buffer.from(match[4], 'base64');
  return (
    expectedStored.length === KEY_BYTES &&
    expectedServer.length === KEY_BYTES &&
    timingSafeEqual(storedKey, expectedStored) &&
    timingSafeEqual(serverKey, expectedServer)
  );
}

function scramKeys(password: string, salt: Buffer, iterations: number) {
  const salted = pbkdf2Sync(password, salt, iterations, KEY_BYTES, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  };
}
