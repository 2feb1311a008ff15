import { randomBytes } from 'node:crypto';
import vectors from './madminTestVectors.json';
import { madminDecrypt, madminEncrypt } from './madminDecrypt';
import { SioStream, sioOpen, sioSeal } from './sioStream';

/*
 * The same vectors file runtime-node's madminEncryption tests load: secure-io/sio-go's
 * test_vectors.json and minio/madmin-go's encrypt_test.go, transcribed.
 */
const hex = (value: string) => Buffer.from(value, 'hex');

describe('the sandbox sio stream', () => {
  it.each(vectors.sio.vectors.map((vector, index) => [index, vector] as const))(
    'seals and opens sio-go test vector %i (AES-128-GCM)',
    (_index, vector) => {
      const stream: SioStream = {
        algorithm: 'AES-GCM',
        key: hex(vector.key),
        bufSize: vector.bufSize,
      };
      const nonce = hex(vector.nonce);
      const data = hex(vector.associatedData);
      expect(
        sioSeal(stream, nonce, hex(vector.plaintext), data).toString('hex'),
      ).toBe(vector.ciphertext);
      expect(
        sioOpen(stream, nonce, hex(vector.ciphertext), data).toString('hex'),
      ).toBe(vector.plaintext);
    },
  );

  it('refuses a vector cut short, extended or with other associated data', () => {
    const vector = vectors.sio.vectors.find(
      v => v.plaintext.length / 2 > v.bufSize && v.associatedData === '',
    )!;
    const stream: SioStream = {
      algorithm: 'AES-GCM',
      key: hex(vector.key),
      bufSize: vector.bufSize,
    };
    const nonce = hex(vector.nonce);
    const ciphertext = hex(vector.ciphertext);
    for (const broken of [
      ciphertext.subarray(0, vector.bufSize + 16),
      Buffer.concat([ciphertext, Buffer.alloc(1)]),
    ]) {
      expect(() => sioOpen(stream, nonce, broken)).toThrow(
        'sio: data is not authentic',
      );
    }
    expect(() => sioOpen(stream, nonce, ciphertext, Buffer.from([1]))).toThrow(
      'sio: data is not authentic',
    );
  });

  it('round-trips ChaCha20-Poly1305 streams of several fragments', () => {
    const stream: SioStream = {
      algorithm: 'ChaCha20-Poly1305',
      key: randomBytes(32),
    };
    const nonce = randomBytes(8);
    const plaintext = randomBytes(40000);
    const sealed = sioSeal(stream, nonce, plaintext);
    expect(sealed.length).toBe(40000 + 3 * 16);
    expect(sioOpen(stream, nonce, sealed).equals(plaintext)).toBe(true);
    expect(() =>
      sioOpen({ ...stream, key: randomBytes(32) }, nonce, sealed),
    ).toThrow('sio: data is not authentic');
  });
});

describe('madminDecrypt', () => {
  it('names its upstream sources', () => {
    expect(vectors.sio.source).toMatch(/^secure-io\/sio-go v0\.3\.1/);
    expect(vectors.madmin.source).toMatch(/^minio\/madmin-go v3\.0\.109/);
    expect(vectors.madmin.vectors).toHaveLength(4);
  });

  it.each(
    vectors.madmin.vectors.map((vector, index) => [index, vector] as const),
  )(
    'decrypts madmin-go test vector %i (Argon2id, AES-256-GCM)',
    async (_index, vector) => {
      const plaintext = await madminDecrypt(
        vector.password,
        hex(vector.ciphertext),
      );
      expect(plaintext.toString('hex')).toBe(vector.plaintext);
    },
  );

  it('reads what madminEncrypt writes (PBKDF2, AES-256-GCM), and nothing tampered or of another password', async () => {
    const data = randomBytes(20000);
    const encrypted = await madminEncrypt('root-secret-key', data);
    expect(encrypted[32]).toBe(0x02);
    expect(
      (await madminDecrypt('root-secret-key', encrypted)).equals(data),
    ).toBe(true);
    await expect(madminDecrypt('other-secret-key', encrypted)).rejects.toThrow(
      'sio: data is not authentic',
    );
    const tampered = Buffer.from(encrypted);
    tampered[50] ^= 1;
    await expect(madminDecrypt('root-secret-key', tampered)).rejects.toThrow(
      'sio: data is not authentic',
    );
  });

  it('refuses a short header and an unknown algorithm ID', async () => {
    await expect(madminDecrypt('x', Buffer.alloc(40))).rejects.toThrow(
      'madmin: unexpected header',
    );
    const unknown = Buffer.alloc(60);
    unknown[32] = 0x03;
    await expect(madminDecrypt('x', unknown)).rejects.toThrow(
      'madmin: invalid encryption algorithm ID',
    );
  });
});
