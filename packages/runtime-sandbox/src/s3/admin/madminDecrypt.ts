import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { AdminError } from './adminErrors';

/*
 * madmin-go `EncryptData` output: salt (32) | algorithm ID (1) | nonce (8) | sio-go stream.
 * The sandbox reads the PBKDF2 + AES-256-GCM variant (ID 0x02) only; the Argon2id variants (0x00,
 * 0x01) need Argon2, which Node lacks, and are answered like any body that does not decrypt.
 *
 * The sio-go stream (secure-io/sio-go) is a sequence of AES-GCM sealed fragments of 16 KiB
 * plaintext each, nonce = stream nonce || sequence number (uint32 little endian). A header tag,
 * sealed over nothing with sequence 0, binds the fragments together: each fragment is authenticated
 * with `flag || header tag`, the flag being 0x80 on the final fragment and 0x00 before it.
 */

const SALT_BYTES = 32;
const NONCE_BYTES = 8;
const HEADER_BYTES = SALT_BYTES + 1 + NONCE_BYTES;
const PBKDF2_AES_GCM = 0x02;
const PBKDF2_ITERATIONS = 8192;
const TAG_BYTES = 16;
const FRAGMENT_BYTES = 16384 + TAG_BYTES;

/**
 * Decrypts an admin request body encrypted with the caller's secret key, as MinIO does; anything
 * that does not decrypt is `XMinioAdminConfigBadJSON`.
 */
export function madminDecrypt(password: string, data: Buffer): Buffer {
  if (
    data.length < HEADER_BYTES + TAG_BYTES ||
    data[SALT_BYTES] !== PBKDF2_AES_GCM
  ) {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  const salt = data.subarray(0, SALT_BYTES);
  const nonce = data.subarray(SALT_BYTES + 1, HEADER_BYTES);
  const stream = data.subarray(HEADER_BYTES);
  const key = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256');

  const header = createCipheriv('aes-256-gcm', key, gcmNonce(nonce, 0));
  header.final(); // seals nothing: only the tag
  const fragmentData = Buffer.concat([
    Buffer.from([0x00]),
    header.getAuthTag(),
  ]);
  const plaintext: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  while (stream.length - offset > FRAGMENT_BYTES) {
    const fragment = stream.subarray(offset, offset + FRAGMENT_BYTES);
    plaintext.push(open(key, nonce, sequence, fragment, fragmentData));
    offset += FRAGMENT_BYTES;
    sequence += 1;
  }
  if (stream.length - offset < TAG_BYTES) {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  fragmentData[0] = 0x80;
  plaintext.push(
    open(key, nonce, sequence, stream.subarray(offset), fragmentData),
  );
  return Buffer.concat(plaintext);
}

/** Opens one sealed fragment (ciphertext || 16-byte tag), or answers `XMinioAdminConfigBadJSON`. */
function open(
  key: Buffer,
  nonce: Buffer,
  sequence: number,
  fragment: Buffer,
  associatedData: Buffer,
): Buffer {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    key,
    gcmNonce(nonce, sequence),
  );
  decipher.setAAD(associatedData);
  decipher.setAuthTag(fragment.subarray(fragment.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(fragment.subarray(0, fragment.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
}

/** The 12-byte GCM nonce of a fragment: stream nonce || sequence (uint32 LE). */
function gcmNonce(nonce: Buffer, sequence: number): Buffer {
  const result = Buffer.alloc(NONCE_BYTES + 4);
  nonce.copy(result);
  result.writeUInt32LE(sequence, NONCE_BYTES);
  return result;
}
