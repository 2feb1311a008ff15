import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * The sio-go stream format (secure-io/sio-go v0.3.1, `EncryptWriter` / `DecryptReader`), which
 * madmin's `EncryptData` writes after its header: the plaintext is cut into fragments of `bufSize`
 * bytes, each sealed with the AEAD under the nonce `streamNonce || seq (uint32 LE)`. The stream is
 * bound to its associated data by a header tag (nothing sealed with seq 0), and each fragment's
 * associated data is `flag || headerTag`, where the flag is `0x80` for the final fragment and `0x00`
 * before it. The final fragment is never empty unless the plaintext is.
 */

/** The AEADs madmin uses: AES-GCM (sio-go's `AES_128_GCM` / `AES_256_GCM`) or `ChaCha20Poly1305`. */
export type SioAlgorithm = 'AES-GCM' | 'ChaCha20-Poly1305';

/** One sio stream: the AEAD, its key and the plaintext size of a fragment. */
export interface SioStream {
  algorithm: SioAlgorithm;
  key: Buffer;
  /** Plaintext bytes per fragment; sio-go's default `BufSize` (16 KiB) when left out. */
  bufSize?: number;
}

/** The plaintext size of one fragment (sio-go's default `BufSize`). */
const SIO_BUFFER_SIZE = 16384;
/** The stream nonce size of sio-go's AES-GCM and ChaCha20-Poly1305 streams. */
export const SIO_NONCE_BYTES = 8;
const TAG_BYTES = 16;
/** The last sequence number a stream may use (it is a 32-bit counter). */
const MAX_SEQUENCE = 0xffffffff;

/** Encrypts a whole plaintext as a sio stream. */
export function sioEncrypt(
  stream: SioStream,
  streamNonce: Buffer,
  plaintext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
): Buffer {
  const size = stream.bufSize ?? SIO_BUFFER_SIZE;
  return mapFragments(
    stream,
    streamNonce,
    associatedData,
    plaintext,
    size,
    seal,
  );
}

/**
 * Decrypts a sio stream made with the same stream, nonce and associated data. Throws
 * `sio: data is not authentic` when any fragment is not, or when the stream was cut short or
 * extended.
 */
export function sioDecrypt(
  stream: SioStream,
  streamNonce: Buffer,
  ciphertext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
): Buffer {
  const size = (stream.bufSize ?? SIO_BUFFER_SIZE) + TAG_BYTES;
  return mapFragments(
    stream,
    streamNonce,
    associatedData,
    ciphertext,
    size,
    open,
  );
}

/**
 * Cuts `input` into fragments of `size` bytes, the final one holding the rest (empty only when the
 * input is), seals or opens each under its nonce and associated data, and concatenates the results.
 */
function mapFragments(
  stream: SioStream,
  streamNonce: Buffer,
  associatedData: Buffer,
  input: Buffer,
  size: number,
  aead: typeof seal,
): Buffer {
  const fragmentData = fragmentAssociatedData(
    stream,
    streamNonce,
    associatedData,
  );
  const output: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  for (; input.length - offset > size; offset += size) {
    output.push(
      aead(
        stream,
        fragmentNonce(streamNonce, sequence),
        input.subarray(offset, offset + size),
        fragmentData(false),
      ),
    );
    sequence = nextSequence(sequence);
  }
  output.push(
    aead(
      stream,
      fragmentNonce(streamNonce, sequence),
      input.subarray(offset),
      fragmentData(true),
    ),
  );
  return Buffer.concat(output);
}

/** The ciphertext size of a plaintext of `size` bytes: one tag per fragment. */
export function sioCiphertextSize(
  size: number,
  bufSize: number = SIO_BUFFER_SIZE,
): number {
  return size + TAG_BYTES * Math.max(1, Math.ceil(size / bufSize));
}

/**
 * A fragment's associated data, `flag || tag`: the flag is `0x80` for the final fragment and `0x00`
 * before it; the tag seals nothing under sequence number 0 and the caller's associated data.
 */
function fragmentAssociatedData(
  stream: SioStream,
  streamNonce: Buffer,
  associatedData: Buffer,
): (final: boolean) => Buffer {
  if (streamNonce.length !== SIO_NONCE_BYTES) {
    throw new Error(`sio: the nonce must be ${SIO_NONCE_BYTES} bytes`);
  }
  const tag = seal(
    stream,
    fragmentNonce(streamNonce, 0),
    Buffer.alloc(0),
    associatedData,
  );
  return final => Buffer.concat([Buffer.from([final ? 0x80 : 0x00]), tag]);
}

function fragmentNonce(streamNonce: Buffer, sequence: number): Buffer {
  const nonce = Buffer.alloc(SIO_NONCE_BYTES + 4);
  streamNonce.copy(nonce);
  nonce.writeUInt32LE(sequence, SIO_NONCE_BYTES);
  return nonce;
}

function nextSequence(sequence: number): number {
  if (sequence >= MAX_SEQUENCE) {
    throw new Error('sio: data stream exceeds the maximum size');
  }
  return sequence + 1;
}

/** Node's name of the stream's AEAD, checking the key size it needs. */
function cipherName(
  stream: SioStream,
): 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' {
  const size = stream.key.length;
  if (stream.algorithm === 'ChaCha20-Poly1305') {
    if (size === 32) return 'chacha20-poly1305';
    throw new Error('sio: the ChaCha20-Poly1305 key must be 32 bytes');
  }
  if (size === 16) return 'aes-128-gcm';
  if (size === 32) return 'aes-256-gcm';
  throw new Error('sio: the AES-GCM key must be 16 or 32 bytes');
}

function seal(
  stream: SioStream,
  nonce: Buffer,
  plaintext: Buffer,
  associatedData: Buffer,
): Buffer {
  const cipher = createCipheriv(
    cipherName(stream) as 'aes-256-gcm',
    stream.key,
    nonce,
    {
      authTagLength: TAG_BYTES,
    },
  );
  cipher.setAAD(associatedData);
  return Buffer.concat([
    cipher.update(plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

function open(
  stream: SioStream,
  nonce: Buffer,
  sealed: Buffer,
  associatedData: Buffer,
): Buffer {
  const decipher = createDecipheriv(
    cipherName(stream) as 'aes-256-gcm',
    stream.key,
    nonce,
    { authTagLength: TAG_BYTES },
  );
  if (sealed.length < TAG_BYTES) {
    throw new Error('sio: data is not authentic');
  }
  const ciphertext = sealed.subarray(0, sealed.length - TAG_BYTES);
  decipher.setAAD(associatedData);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new Error('sio: data is not authentic');
  }
}
