import { randomBytes } from 'node:crypto';
import vectors from './__testUtils__/madminTestVectors.json';
import {
  SioStream,
  sioCiphertextSize,
  sioDecrypt,
  sioEncrypt,
} from './sioStream';

const { sio } = vectors;
const hex = (value: string) => Buffer.from(value, 'hex');

/** The AES-128-GCM stream of an sio-go vector. */
function aesGcmStream(vector: (typeof sio.vectors)[number]): SioStream {
  return {
    algorithm: 'AES-GCM',
    key: hex(vector.key),
    bufSize: vector.bufSize,
  };
}

describe('sio stream', () => {
  it('loads the upstream vectors', () => {
    expect(sio.source).toMatch(
      /^secure-io\/sio-go v0\.3\.1, test_vectors\.json/,
    );
    expect(sio.vectors).toHaveLength(14);
  });

  it.each(sio.vectors.map((vector, index) => [index, vector] as const))(
    'encrypts and decrypts sio-go test vector %i (AES-128-GCM)',
    (_index, vector) => {
      const stream = aesGcmStream(vector);
      const nonce = hex(vector.nonce);
      const associatedData = hex(vector.associatedData);
      expect(
        sioEncrypt(
          stream,
          nonce,
          hex(vector.plaintext),
          associatedData,
        ).toString('hex'),
      ).toBe(vector.ciphertext);
      expect(
        sioDecrypt(
          stream,
          nonce,
          hex(vector.ciphertext),
          associatedData,
        ).toString('hex'),
      ).toBe(vector.plaintext);
    },
  );

  it('refuses a vector cut after a full fragment or inside a tag, empty, extended, tampered, or with other associated data', () => {
    const vector = sio.vectors.find(
      v => v.plaintext.length / 2 > v.bufSize && v.associatedData === '',
    )!;
    const stream = aesGcmStream(vector);
    const nonce = hex(vector.nonce);
    const ciphertext = hex(vector.ciphertext);
    const fragment = vector.bufSize + 16;
    const tampered = Buffer.from(ciphertext);
    tampered[0] ^= 1;
    for (const broken of [
      ciphertext.subarray(0, fragment),
      ciphertext.subarray(0, fragment + 5),
      Buffer.alloc(0),
      ciphertext.subarray(0, ciphertext.length - 1),
      Buffer.concat([ciphertext, Buffer.alloc(1)]),
      tampered,
    ]) {
      expect(() => sioDecrypt(stream, nonce, broken)).toThrow(
        'sio: data is not authentic',
      );
    }
    expect(() =>
      sioDecrypt(stream, nonce, ciphertext, Buffer.from([1])),
    ).toThrow('sio: data is not authentic');
  });

  it.each([0, 1, 16384, 16385, 40000])(
    'round-trips %i bytes with ChaCha20-Poly1305 and AES-256-GCM, one tag per fragment',
    size => {
      const plaintext = randomBytes(size);
      const nonce = randomBytes(8);
      for (const algorithm of ['ChaCha20-Poly1305', 'AES-GCM'] as const) {
        const stream: SioStream = { algorithm, key: randomBytes(32) };
        const ciphertext = sioEncrypt(stream, nonce, plaintext);
        expect(ciphertext.length).toBe(sioCiphertextSize(size));
        expect(sioDecrypt(stream, nonce, ciphertext).equals(plaintext)).toBe(
          true,
        );
        const other = { ...stream, key: randomBytes(32) };
        expect(() => sioDecrypt(other, nonce, ciphertext)).toThrow(
          'sio: data is not authentic',
        );
      }
    },
  );

  it('refuses keys and nonces of the wrong size', () => {
    expect(() =>
      sioEncrypt(
        { algorithm: 'AES-GCM', key: Buffer.alloc(24) },
        Buffer.alloc(8),
        Buffer.alloc(1),
      ),
    ).toThrow('sio: the AES-GCM key must be 16 or 32 bytes');
    expect(() =>
      sioEncrypt(
        { algorithm: 'ChaCha20-Poly1305', key: Buffer.alloc(16) },
        Buffer.alloc(8),
        Buffer.alloc(1),
      ),
    ).toThrow('sio: the ChaCha20-Poly1305 key must be 32 bytes');
    expect(() =>
      sioEncrypt(
        { algorithm: 'AES-GCM', key: Buffer.alloc(32) },
        Buffer.alloc(12),
        Buffer.alloc(1),
      ),
    ).toThrow('sio: the nonce must be 8 bytes');
  });
});
