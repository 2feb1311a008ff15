import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { madminArgon2idKey } from './argon2idKey';
import {
  SIO_NONCE_BYTES,
  SioAlgorithm,
  sioDecrypt,
  sioEncrypt,
} from './sioStream';

/**
 * MinIO's admin API encrypts bodies that carry secrets (the `add-user` request, the `list-users`
 * answer) with the caller's secret key, as madmin-go's `EncryptData` / `DecryptData` do
 * (minio/madmin-go v3.0.109, `encrypt.go`):
 *
 * ```
 * salt (32 bytes) | algorithm ID (1 byte) | stream nonce (8 bytes) | sio stream
 * ```
 *
 * The algorithm ID names the key derivation and the stream's AEAD: `0x00` Argon2id and AES-256-GCM,
 * `0x01` Argon2id and ChaCha20-Poly1305, `0x02` PBKDF2-SHA256 and AES-256-GCM. MinIO reads all
 * three, and answers with `0x00` (or `0x01` without AES hardware; `0x02` in FIPS mode).
 */

/**
 * madmin's algorithm ID for an Argon2id key and an AES-256-GCM stream.
 *
 * @public
 */
export const MADMIN_ARGON2ID_AES_GCM = 0x00;
/**
 * madmin's algorithm ID for an Argon2id key and a ChaCha20-Poly1305 stream.
 *
 * @public
 */
export const MADMIN_ARGON2ID_CHACHA20_POLY1305 = 0x01;
/**
 * madmin's algorithm ID for a PBKDF2-HMAC-SHA256 key and an AES-256-GCM stream.
 *
 * @public
 */
export const MADMIN_PBKDF2_AES_GCM = 0x02;

/**
 * An algorithm ID of madmin's `EncryptData`.
 *
 * @public
 */
export type MadminAlgorithmId =
  | typeof MADMIN_ARGON2ID_AES_GCM
  | typeof MADMIN_ARGON2ID_CHACHA20_POLY1305
  | typeof MADMIN_PBKDF2_AES_GCM;

const SALT_BYTES = 32;
const HEADER_BYTES = SALT_BYTES + 1 + SIO_NONCE_BYTES;
const KEY_BYTES = 32;
/** madmin's `pbkdf2Cost`. */
const PBKDF2_ITERATIONS = 8192;

const pbkdf2Async = promisify(pbkdf2);

/**
 * Encrypts `data` for MinIO's admin API with a key derived from `password`, as madmin's
 * `EncryptData` does; PBKDF2AESGCM (`0x02`) unless another algorithm is asked for (Argon2id costs
 * 64 MiB and about a second of CPU, on a worker thread).
 *
 * @public
 */
export async function encryptMadminData(
  password: string,
  data: Buffer,
  algorithmId: MadminAlgorithmId = MADMIN_PBKDF2_AES_GCM,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(SIO_NONCE_BYTES);
  const key = await deriveKey(algorithmId, password, salt);
  return Buffer.concat([
    salt,
    Buffer.from([algorithmId]),
    nonce,
    sioEncrypt({ algorithm: streamAlgorithm(algorithmId), key }, nonce, data),
  ]);
}

/**
 * Decrypts what madmin's `EncryptData` (or {@link encryptMadminData}) produced, in any of its three
 * algorithms. Throws when the data is too short, names an unknown algorithm, or is not authentic
 * under this password (`sio: data is not authentic`).
 *
 * @public
 */
export async function decryptMadminData(
  password: string,
  data: Buffer,
): Promise<Buffer> {
  if (data.length < HEADER_BYTES) {
    throw new Error('madmin: unexpected header');
  }
  const salt = data.subarray(0, SALT_BYTES);
  const id = data[SALT_BYTES];
  const nonce = data.subarray(SALT_BYTES + 1, HEADER_BYTES);
  if (!isAlgorithmId(id)) {
    throw new Error(
      `madmin: invalid encryption algorithm ID 0x${id
        .toString(16)
        .padStart(2, '0')}`,
    );
  }
  const key = await deriveKey(id, password, salt);
  return sioDecrypt(
    { algorithm: streamAlgorithm(id), key },
    nonce,
    data.subarray(HEADER_BYTES),
  );
}

function isAlgorithmId(id: number): id is MadminAlgorithmId {
  return (
    id === MADMIN_ARGON2ID_AES_GCM ||
    id === MADMIN_ARGON2ID_CHACHA20_POLY1305 ||
    id === MADMIN_PBKDF2_AES_GCM
  );
}

function streamAlgorithm(id: MadminAlgorithmId): SioAlgorithm {
  return id === MADMIN_ARGON2ID_CHACHA20_POLY1305
    ? 'ChaCha20-Poly1305'
    : 'AES-GCM';
}

/** The 32-byte stream key; both derivations run off the event loop. */
async function deriveKey(
  id: MadminAlgorithmId,
  password: string,
  salt: Buffer,
): Promise<Buffer> {
  const secret = Buffer.from(password, 'utf8');
  if (id === MADMIN_PBKDF2_AES_GCM) {
    return pbkdf2Async(secret, salt, PBKDF2_ITERATIONS, KEY_BYTES, 'sha256');
  }
  return madminArgon2idKey(secret, salt);
}
