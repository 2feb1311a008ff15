import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2idKey } from './argon2idKey';
import { SioAlgorithm, sioOpen, sioSeal } from './sioStream';

/*
 * madmin-go `EncryptData` / `DecryptData` (minio/madmin-go v3.0.109 `encrypt.go`), which MinIO uses
 * for admin bodies that carry secrets: salt (32) | algorithm ID (1) | nonce (8) | sio-go stream.
 * ID 0x00 is Argon2id + AES-256-GCM, 0x01 Argon2id + ChaCha20-Poly1305, 0x02 PBKDF2-SHA256 (8192
 * rounds) + AES-256-GCM. MinIO reads all three.
 */

const SALT_BYTES = 32;
const NONCE_BYTES = 8;
const HEADER_BYTES = SALT_BYTES + 1 + NONCE_BYTES;
const PBKDF2_AES_GCM = 0x02;
const ALGORITHMS: Record<
  number,
  { kdf: 'argon2id' | 'pbkdf2'; aead: SioAlgorithm }
> = {
  0x00: { kdf: 'argon2id', aead: 'AES-GCM' },
  0x01: { kdf: 'argon2id', aead: 'ChaCha20-Poly1305' },
  [PBKDF2_AES_GCM]: { kdf: 'pbkdf2', aead: 'AES-GCM' },
};

const pbkdf2Async = promisify(pbkdf2);

/**
 * Decrypts a madmin-encrypted body with the caller's secret key, as MinIO's `madmin.DecryptData`
 * does; throws (`madmin: unexpected header`, `madmin: invalid encryption algorithm ID`,
 * `sio: data is not authentic`) when it cannot.
 */
export async function madminDecrypt(
  password: string,
  data: Buffer,
): Promise<Buffer> {
  if (data.length < HEADER_BYTES) throw new Error('madmin: unexpected header');
  const algorithm = ALGORITHMS[data[SALT_BYTES]];
  if (!algorithm) throw new Error('madmin: invalid encryption algorithm ID');
  const salt = data.subarray(0, SALT_BYTES);
  const key = await streamKey(algorithm.kdf, password, salt);
  return sioOpen(
    { algorithm: algorithm.aead, key },
    data.subarray(SALT_BYTES + 1, HEADER_BYTES),
    data.subarray(HEADER_BYTES),
  );
}

/**
 * Encrypts an admin answer (e.g. `list-users`) with the caller's secret key, as MinIO's
 * `madmin.EncryptData` does in FIPS mode: PBKDF2 + AES-256-GCM (0x02). (Outside FIPS mode MinIO
 * uses Argon2id, which costs a client a second of CPU in JavaScript; clients read both.)
 */
export async function madminEncrypt(
  password: string,
  data: Buffer,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const key = await streamKey('pbkdf2', password, salt);
  return Buffer.concat([
    salt,
    Buffer.from([PBKDF2_AES_GCM]),
    nonce,
    sioSeal({ algorithm: 'AES-GCM', key }, nonce, data),
  ]);
}

function streamKey(
  kdf: 'argon2id' | 'pbkdf2',
  password: string,
  salt: Buffer,
): Promise<Buffer> {
  const secret = Buffer.from(password, 'utf8');
  return kdf === 'pbkdf2'
    ? pbkdf2Async(secret, salt, 8192, 32, 'sha256')
    : argon2idKey(secret, salt);
}
