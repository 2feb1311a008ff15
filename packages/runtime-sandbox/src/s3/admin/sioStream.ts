import { createCipheriv, createDecipheriv } from 'node:crypto';

/*
 * The sio-go stream (secure-io/sio-go v0.3.1) under madmin's `EncryptData`: fragments of `bufSize`
 * plaintext bytes (16 KiB by default), each sealed with the AEAD under the nonce
 * `stream nonce (8 bytes) || sequence number (uint32 LE)`. A header tag, sealed over nothing with
 * sequence 0 and the stream's associated data, binds the fragments together: each fragment is
 * authenticated with `flag || header tag`, the flag being 0x80 on the final fragment and 0x00 before.
 */

/** The AEADs of madmin's streams: AES-GCM (128 or 256-bit key) or ChaCha20-Poly1305. */
export type SioAlgorithm = 'AES-GCM' | 'ChaCha20-Poly1305';

/** A sio stream: its AEAD, key and plaintext bytes per fragment (16 KiB when left out). */
export interface SioStream {
  algorithm: SioAlgorithm;
  key: Buffer;
  bufSize?: number;
}

const DEFAULT_BUF_SIZE = 16384;
const NONCE_BYTES = 8;
const TAG_BYTES = 16;

/** Seals `plaintext` as a sio stream (the sandbox encrypts admin answers with it). */
export function sioSeal(
  stream: SioStream,
  nonce: Buffer,
  plaintext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
): Buffer {
  const size = stream.bufSize ?? DEFAULT_BUF_SIZE;
  const fragmentData = headerData(stream, nonce, associatedData);
  const out: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  for (; plaintext.length - offset > size; offset += size, sequence++) {
    out.push(
      seal(
        stream,
        nonce,
        sequence,
        plaintext.subarray(offset, offset + size),
        fragmentData,
      ),
    );
  }
  fragmentData[0] = 0x80;
  out.push(
    seal(stream, nonce, sequence, plaintext.subarray(offset), fragmentData),
  );
  return Buffer.concat(out);
}

/**
 * Opens a sio stream; throws `sio: data is not authentic` when a fragment is not, or when the
 * stream was cut short or extended.
 */
export function sioOpen(
  stream: SioStream,
  nonce: Buffer,
  ciphertext: Buffer,
  associatedData: Buffer = Buffer.alloc(0),
): Buffer {
  const fragmentBytes = (stream.bufSize ?? DEFAULT_BUF_SIZE) + TAG_BYTES;
  const fragmentData = headerData(stream, nonce, associatedData);
  const plaintext: Buffer[] = [];
  let sequence = 1;
  let offset = 0;
  for (
    ;
    ciphertext.length - offset > fragmentBytes;
    offset += fragmentBytes, sequence++
  ) {
    plaintext.push(
      open(
        stream,
        nonce,
        sequence,
        ciphertext.subarray(offset, offset + fragmentBytes),
        fragmentData,
      ),
    );
  }
  if (ciphertext.length - offset < TAG_BYTES) {
    throw new Error('sio: data is not authentic');
  }
  fragmentData[0] = 0x80;
  plaintext.push(
    open(stream, nonce, sequence, ciphertext.subarray(offset), fragmentData),
  );
  return Buffer.concat(plaintext);
}

/** `0x00 || header tag`: the associated data of every fragment but the last. */
function headerData(
  stream: SioStream,
  nonce: Buffer,
  associatedData: Buffer,
): Buffer {
  if (nonce.length !== NONCE_BYTES) {
    throw new Error(`sio: the nonce must be ${NONCE_BYTES} bytes`);
  }
  const tag = seal(stream, nonce, 0, Buffer.alloc(0), associatedData);
  return Buffer.concat([Buffer.from([0x00]), tag]);
}

/** Node's cipher for the stream, checking its key size. */
function cipherName(
  stream: SioStream,
): 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' {
  const size = stream.key.length;
  if (stream.algorithm === 'ChaCha20-Poly1305' && size === 32)
    return 'chacha20-poly1305';
  if (stream.algorithm === 'AES-GCM' && size === 16) return 'aes-128-gcm';
  if (stream.algorithm === 'AES-GCM' && size === 32) return 'aes-256-gcm';
  throw new Error(`sio: invalid key size for ${stream.algorithm}`);
}

/** The 12-byte AEAD nonce of a fragment: stream nonce || sequence (uint32 LE). */
function fragmentNonce(nonce: Buffer, sequence: number): Buffer {
  const result = Buffer.alloc(NONCE_BYTES + 4);
  nonce.copy(result);
  result.writeUInt32LE(sequence, NONCE_BYTES);
  return result;
}

function seal(
  stream: SioStream,
  nonce: Buffer,
  sequence: number,
  plaintext: Buffer,
  associatedData: Buffer,
): Buffer {
  const cipher = createCipheriv(
    cipherName(stream) as 'aes-256-gcm',
    stream.key,
    fragmentNonce(nonce, sequence),
    { authTagLength: TAG_BYTES },
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
  sequence: number,
  fragment: Buffer,
  associatedData: Buffer,
): Buffer {
  const decipher = createDecipheriv(
    cipherName(stream) as 'aes-256-gcm',
    stream.key,
    fragmentNonce(nonce, sequence),
    { authTagLength: TAG_BYTES },
  );
  decipher.setAAD(associatedData);
  decipher.setAuthTag(fragment.subarray(fragment.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(fragment.subarray(0, fragment.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new Error('sio: data is not authentic');
  }
}
