import {
  createCipheriv,
  createDecipheriv,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';

/**
 * MinIO's admin API encrypts request bodies that carry secrets (e.g. `add-user`) with the caller's
 * secret key, as madmin-go's `EncryptData` does:
 *
 * ```
 * salt (32 bytes) | algorithm ID (1 byte) | stream nonce (8 bytes) | sio stream
 * ```
 *
 * Only the PBKDF2 + AES-256-GCM variant (ID `0x02`) is written and read here: the Argon2id variants
 * (IDs `0x00`, `0x01`) need Argon2, which Node does not have. MinIO accepts all three.
 */

const SALT_BYTES = 32;
const STREAM_NONCE_BYTES = 8;
const HEADER_BYTES = SALT_BYTES + 1 + STREAM_NONCE_BYTES;
/** madmin's algorithm ID for a PBKDF2-HMAC-SHA256 key and an AES-256-GCM stream. */
export const PBKDF2_AES_GCM = 0x02;
const PBKDF2_ITERATIONS = 8192;
const KEY_BYTES = 32;

/** The plaintext size of one sio fragment (sio-go's default `BufSize`). */
export const SIO_BUFFER_SIZE = 16384;
const TAG_BYTES = 16;
/** The last sequence number a sio stream may use (it is a 32-bit counter). */
const MAX_SEQUENCE = 0xffffffff;

/** Encrypts `data` for MinIO's admin API with the key derived from `password` (PBKDF2AESGCM). */
export function encryptData(password: string, data: Buffer): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(STREAM_NONCE_BYTES);
  const key = deriveKey(password, salt);
  return Buffer.concat([
    salt,
    Buffer.from([PBKDF2_AES_GCM]),
    nonce,
    sioEncrypt(key, nonce, data),
  ]);
}

/**
 * Decrypts what {@link encryptData} (or madmin's `EncryptData` in its PBKDF2AESGCM variant) produced.
 * Throws when the data is too short, uses another algorithm, or is not authentic under this password.
 */
export function decryptData(password: string, data: Buffer): Buffer {
  if (data.length < HEADER_BYTES + TAG_BYTES) {
    throw new Error('madmin: encrypted data is too short');
  }
  const salt = data.subarray(0, SALT_BYTES);
  const id = data[SALT_BYTES];
  const nonce = data.subarray(SALT_BYTES + 1, HEADER_BYTES);
  if (id !== PBKDF2_AES_GCM) {
    throw new Error(
      `madmin: unsupported encryption algorithm ID 0x${id
        .toString(16)
        .padStart(2, '0')} (only PBKDF2AESGCM, 0x02, is supported)`,
    );
  }
  return sioDecrypt(
    deriveKey(password, salt),
    nonce,
    data.subarray(HEADER_BYTES),
  );
}

function deriveKey(password: string, salt: Buffer): Buffer {
  return pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    salt,
    PBKDF2_ITERATIONS,
    KEY_BYTES,
    'sha256',
  );
}

/**
 * Encrypts a whole plaintext as a sio-go stream (secure-io/sio-go, `EncryptWriter`): fragments of
 * `bufSize` bytes, each sealed with AES-GCM under the nonce `streamNonce || seq (uint32 LE)`. The
 * stream is bound to `associatedData` through a header tag (sealed with seq 0), and every fragment's
 * associated data is `flag || headerTag`, where the flag is `0x80` for the final fragment and `0x00`
 * otherwise. The final fragment is never empty unless the plaintext is.
 */
export function sioEncrypt(
  key: Buffer,
  streamNonce: Buffer,
  plaintext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
  bufSize: number = SIO_BUFFER_SIZE,
): Buffer {
  const fragmentData = streamAssociatedData(key, streamNonce, associatedData);
  const fragments: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  while (plaintext.length - offset > bufSize) {
    fragments.push(
      seal(
        key,
        fragmentNonce(streamNonce, sequence),
        plaintext.subarray(offset, offset + bufSize),
        fragmentData,
      ),
    );
    offset += bufSize;
    sequence = nextSequence(sequence);
  }
  fragmentData[0] = 0x80;
  fragments.push(
    seal(
      key,
      fragmentNonce(streamNonce, sequence),
      plaintext.subarray(offset),
      fragmentData,
    ),
  );
  return Buffer.concat(fragments);
}

/**
 * Decrypts a sio-go stream made by {@link sioEncrypt} with the same key, nonce, associated data and
 * fragment size. Throws when any fragment is not authentic, or when the stream was cut short or
 * extended.
 */
export function sioDecrypt(
  key: Buffer,
  streamNonce: Buffer,
  ciphertext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
  bufSize: number = SIO_BUFFER_SIZE,
): Buffer {
  const fragmentData = streamAssociatedData(key, streamNonce, associatedData);
  const fragmentBytes = bufSize + TAG_BYTES;
  const plaintext: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  while (ciphertext.length - offset > fragmentBytes) {
    plaintext.push(
      open(
        key,
        fragmentNonce(streamNonce, sequence),
        ciphertext.subarray(offset, offset + fragmentBytes),
        fragmentData,
      ),
    );
    offset += fragmentBytes;
    sequence = nextSequence(sequence);
  }
  if (ciphertext.length - offset < TAG_BYTES) {
    throw new Error('sio: data is not authentic');
  }
  fragmentData[0] = 0x80;
  plaintext.push(
    open(
      key,
      fragmentNonce(streamNonce, sequence),
      ciphertext.subarray(offset),
      fragmentData,
    ),
  );
  return Buffer.concat(plaintext);
}

/** `0x00 || tag`, where the tag seals nothing under sequence number 0 and the caller's data. */
function streamAssociatedData(
  key: Buffer,
  streamNonce: Buffer,
  associatedData: Buffer,
): Buffer {
  if (streamNonce.length !== STREAM_NONCE_BYTES) {
    throw new Error(`sio: the nonce must be ${STREAM_NONCE_BYTES} bytes`);
  }
  const tag = seal(
    key,
    fragmentNonce(streamNonce, 0),
    Buffer.alloc(0),
    associatedData,
  );
  return Buffer.concat([Buffer.from([0x00]), tag]);
}

function fragmentNonce(streamNonce: Buffer, sequence: number): Buffer {
  const nonce = Buffer.alloc(STREAM_NONCE_BYTES + 4);
  streamNonce.copy(nonce);
  nonce.writeUInt32LE(sequence, STREAM_NONCE_BYTES);
  return nonce;
}

function nextSequence(sequence: number): number {
  if (sequence >= MAX_SEQUENCE) {
    throw new Error('sio: data stream exceeds the maximum size');
  }
  return sequence + 1;
}

function gcmAlgorithm(key: Buffer): 'aes-128-gcm' | 'aes-256-gcm' {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new Error('sio: the AES-GCM key must be 16 or 32 bytes');
}

function seal(
  key: Buffer,
  nonce: Buffer,
  plaintext: Buffer,
  associatedData: Buffer,
): Buffer {
  const cipher = createCipheriv(gcmAlgorithm(key), key, nonce, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(associatedData);
  return Buffer.concat([
    cipher.update(plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

function open(
  key: Buffer,
  nonce: Buffer,
  sealed: Buffer,
  associatedData: Buffer,
): Buffer {
  const decipher = createDecipheriv(gcmAlgorithm(key), key, nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(associatedData);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new Error('sio: data is not authentic');
  }
}
