import { randomBytes } from 'node:crypto';
import {
  PBKDF2_AES_GCM,
  SIO_BUFFER_SIZE,
  decryptData,
  encryptData,
  sioDecrypt,
  sioEncrypt,
} from './madminEncryption';

/** Entries of secure-io/sio-go `test_vectors.json` (Algorithm "AES-128-GCM"), as hex. */
const SIO_VECTORS = [
  {
    bufSize: 16,
    key: '00000000000000000000000000000000',
    nonce: '0000000000000000',
    associatedData: '',
    plaintext: '',
    ciphertext: 'e0247a864e783cecb1f7996c13cd3f64',
  },
  {
    bufSize: 16,
    key: '10000000000000000000000000000000',
    nonce: '1000000000000000',
    associatedData: '00',
    plaintext: '',
    ciphertext: '2d9ede532b1f5f034e22375d816f76c2',
  },
  {
    bufSize: 16,
    key: '10000000000000000000000000000000',
    nonce: '1000000000000000',
    associatedData: '00',
    plaintext: '00',
    ciphertext: '61ed193d12a2adf6f1c41f31de4ead6c5c',
  },
  {
    bufSize: 16,
    key: '00000000000000000000000000000001',
    nonce: '2000000000000000',
    associatedData: '1000000000000000',
    plaintext: '00000000000000000000000000000000',
    ciphertext:
      '8501dcfa461a0860ef9933655b1e59a9e7db1ed363b6ff80f219ca986dca9ce2',
  },
  {
    bufSize: 16,
    key: '10000000000000000000000000000000',
    nonce: '0000000000000002',
    associatedData: '',
    plaintext: '0000000000000000000000000000000000',
    ciphertext:
      '691deb7b9ccbee91f48d12c7ad5fe3cd4e1e5e7d394f06b91228ec9a5dd2456ac7de9502a0b4010fb1ee1db94e940458fb',
  },
  {
    bufSize: 16,
    key: '000102030405060708090a0b0c0d0e0f',
    nonce: '0001020304050607',
    associatedData: '0102030405060708090a0b0c0d0e0f10',
    plaintext:
      '0000000000000000000000000000000000000000000000000000000000000000',
    ciphertext:
      'beffe57efbdadb693b5545d58454ba746c5362c6f37b65da457d85bfe6af8972cfea267b03f14aedf25e7501e88c0d79f5440d0ac49e5c4fdaab4dfac9aec4d3',
  },
  {
    bufSize: 17,
    key: '31dd758d120fd5d30063921a21f723be',
    nonce: 'd3794fe387018e32',
    associatedData:
      '1d838b6e861ea7576de110e08818de82a27337a99db7b95aa95c3347971ad4cfa0ef0960d6645f5a64f88c7d',
    plaintext:
      'd0ae0d85e93ed6be853ded2031643116a03215b4fda224d2986d7233039aa47e91b686f4',
    ciphertext:
      'a6fe911b94e0b25a25bf6da71f28ad6a6b6920be01589e9194226f77c164606545d5cbdb76c99415b468c54517f5a8bc8dc8ac13b1b4285fe36f37f7884d5e4bfb32ecef56b4026bf02bfb1d4fce222e01ef9db9',
  },
];

const hex = (value: string) => Buffer.from(value, 'hex');

describe('sio stream', () => {
  it.each(SIO_VECTORS.map((vector, index) => [index, vector] as const))(
    'matches sio-go test vector %i',
    (_index, vector) => {
      const key = hex(vector.key);
      const nonce = hex(vector.nonce);
      const associatedData = hex(vector.associatedData);
      const encrypted = sioEncrypt(
        key,
        nonce,
        hex(vector.plaintext),
        associatedData,
        vector.bufSize,
      );
      expect(encrypted.toString('hex')).toBe(vector.ciphertext);
      const decrypted = sioDecrypt(
        key,
        nonce,
        hex(vector.ciphertext),
        associatedData,
        vector.bufSize,
      );
      expect(decrypted.toString('hex')).toBe(vector.plaintext);
    },
  );

  it('refuses a stream cut after a full fragment, or decrypted with other associated data', () => {
    const vector = SIO_VECTORS[4]; // 17 bytes: one full fragment and a final one of 1 byte
    const key = hex(vector.key);
    const nonce = hex(vector.nonce);
    const ciphertext = hex(vector.ciphertext);
    expect(() =>
      sioDecrypt(key, nonce, ciphertext.subarray(0, 32), Buffer.alloc(0), 16),
    ).toThrow('sio: data is not authentic');
    expect(() =>
      sioDecrypt(key, nonce, ciphertext, Buffer.from([1]), 16),
    ).toThrow('sio: data is not authentic');
  });
});

describe('madmin EncryptData / DecryptData (PBKDF2AESGCM)', () => {
  const password = 'the-callers-secret-key';

  it('lays out salt (32 bytes), algorithm ID 0x02 and nonce (8 bytes) before the stream', () => {
    const data = Buffer.from('{"secretKey":"abcdefgh"}');
    const encrypted = encryptData(password, data);
    expect(encrypted[32]).toBe(PBKDF2_AES_GCM);
    expect(encrypted[32]).toBe(0x02);
    // one final fragment: the plaintext and its 16-byte tag
    expect(encrypted.length).toBe(32 + 1 + 8 + data.length + 16);
    const again = encryptData(password, data);
    expect(again.subarray(0, 32).equals(encrypted.subarray(0, 32))).toBe(false);
    expect(again.subarray(33, 41).equals(encrypted.subarray(33, 41))).toBe(
      false,
    );
  });

  it.each([0, 1, SIO_BUFFER_SIZE, SIO_BUFFER_SIZE + 1, 40000])(
    'round-trips %i bytes',
    size => {
      const data = randomBytes(size);
      const encrypted = encryptData(password, data);
      const fragments = Math.max(1, Math.ceil(size / SIO_BUFFER_SIZE));
      expect(encrypted.length).toBe(41 + size + 16 * fragments);
      expect(decryptData(password, encrypted).equals(data)).toBe(true);
    },
  );

  it('refuses tampered data and a wrong password', () => {
    const data = randomBytes(SIO_BUFFER_SIZE + 100);
    const encrypted = encryptData(password, data);
    for (const position of [0, 40, 41, 100, SIO_BUFFER_SIZE + 60]) {
      const tampered = Buffer.from(encrypted);
      tampered[position] ^= 0x01;
      expect(() => decryptData(password, tampered)).toThrow(
        'sio: data is not authentic',
      );
    }
    expect(() => decryptData('another-password', encrypted)).toThrow(
      'sio: data is not authentic',
    );
    expect(() =>
      decryptData(password, encrypted.subarray(0, encrypted.length - 1)),
    ).toThrow('sio: data is not authentic');
  });

  it('refuses the Argon2id variants and truncated data with a clear error', () => {
    const encrypted = encryptData(password, Buffer.from('x'));
    const argon2 = Buffer.from(encrypted);
    argon2[32] = 0x00;
    expect(() => decryptData(password, argon2)).toThrow(
      /unsupported encryption algorithm ID 0x00/,
    );
    expect(() => decryptData(password, encrypted.subarray(0, 20))).toThrow(
      /too short/,
    );
  });
});
