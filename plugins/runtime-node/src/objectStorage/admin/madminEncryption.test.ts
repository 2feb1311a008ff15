import { randomBytes } from 'node:crypto';
import vectors from './__testUtils__/madminTestVectors.json';
import {
  MADMIN_ARGON2ID_AES_GCM,
  MADMIN_ARGON2ID_CHACHA20_POLY1305,
  MADMIN_PBKDF2_AES_GCM,
  decryptMadminData,
  encryptMadminData,
} from './madminEncryption';
import { sioCiphertextSize } from './sioStream';

const { madmin } = vectors;
const password = 'the-callers-secret-key';

describe('madmin DecryptData', () => {
  it('loads the upstream vectors, all Argon2id + AES-256-GCM', () => {
    expect(madmin.source).toMatch(
      /^minio\/madmin-go v3\.0\.109 .*encrypt_test\.go, decryptDataTests/,
    );
    expect(madmin.vectors).toHaveLength(4);
    for (const vector of madmin.vectors) {
      expect(Buffer.from(vector.ciphertext, 'hex')[32]).toBe(
        MADMIN_ARGON2ID_AES_GCM,
      );
    }
  });

  it.each(madmin.vectors.map((vector, index) => [index, vector] as const))(
    'decrypts madmin-go test vector %i (Argon2id, AES-256-GCM)',
    async (_index, vector) => {
      const plaintext = await decryptMadminData(
        vector.password,
        Buffer.from(vector.ciphertext, 'hex'),
      );
      expect(plaintext.toString('hex')).toBe(vector.plaintext);
    },
  );
});

describe('madmin EncryptData / DecryptData', () => {
  it('lays out salt (32 bytes), algorithm ID 0x02 and nonce (8 bytes) before the stream', async () => {
    const data = Buffer.from('{"secretKey":"abcdefgh"}');
    const encrypted = await encryptMadminData(password, data);
    expect(encrypted[32]).toBe(MADMIN_PBKDF2_AES_GCM);
    expect(encrypted.length).toBe(41 + data.length + 16);
    const again = await encryptMadminData(password, data);
    expect(again.subarray(0, 32).equals(encrypted.subarray(0, 32))).toBe(false);
    expect(again.subarray(33, 41).equals(encrypted.subarray(33, 41))).toBe(
      false,
    );
  });

  it.each([0, 1, 16384, 16385, 40000])(
    'round-trips %i bytes (PBKDF2, AES-256-GCM)',
    async size => {
      const data = randomBytes(size);
      const encrypted = await encryptMadminData(password, data);
      expect(encrypted.length).toBe(41 + sioCiphertextSize(size));
      expect((await decryptMadminData(password, encrypted)).equals(data)).toBe(
        true,
      );
    },
  );

  it('round-trips with Argon2id and ChaCha20-Poly1305 (ID 0x01)', async () => {
    const data = randomBytes(100);
    const encrypted = await encryptMadminData(
      password,
      data,
      MADMIN_ARGON2ID_CHACHA20_POLY1305,
    );
    expect(encrypted[32]).toBe(0x01);
    expect((await decryptMadminData(password, encrypted)).equals(data)).toBe(
      true,
    );
  });

  it('refuses tampered data, a wrong password and a cut stream', async () => {
    const data = randomBytes(16384 + 100);
    const encrypted = await encryptMadminData(password, data);
    for (const position of [0, 40, 41, 100, 16384 + 60]) {
      const tampered = Buffer.from(encrypted);
      tampered[position] ^= 0x01;
      await expect(decryptMadminData(password, tampered)).rejects.toThrow(
        'sio: data is not authentic',
      );
    }
    await expect(
      decryptMadminData('another-password', encrypted),
    ).rejects.toThrow('sio: data is not authentic');
    await expect(
      decryptMadminData(password, encrypted.subarray(0, encrypted.length - 1)),
    ).rejects.toThrow('sio: data is not authentic');
  });

  it('refuses an unknown algorithm ID and a short header as madmin does', async () => {
    const encrypted = await encryptMadminData(password, Buffer.from('x'));
    const unknown = Buffer.from(encrypted);
    unknown[32] = 0x03;
    await expect(decryptMadminData(password, unknown)).rejects.toThrow(
      'madmin: invalid encryption algorithm ID 0x03',
    );
    await expect(
      decryptMadminData(password, encrypted.subarray(0, 40)),
    ).rejects.toThrow('madmin: unexpected header');
  });
});
