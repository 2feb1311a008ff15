import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One sio-go stream vector (hex), of secure-io/sio-go's `test_vectors.json`. */
export interface SioTestVector {
  bufSize: number;
  key: string;
  nonce: string;
  associatedData: string;
  plaintext: string;
  ciphertext: string;
}

/** One madmin `EncryptData` output (hex) with its password and plaintext, of madmin-go's `encrypt_test.go`. */
export interface MadminTestVector {
  password: string;
  ciphertext: string;
  plaintext: string;
}

/**
 * The upstream test vectors of madmin's encryption, from the file the sandbox's decryption is tested
 * against too (`@runtime-portal/runtime-sandbox`, `src/s3/admin/madminTestVectors.json`): one file,
 * so that the client's and the stand-in's implementations answer to the same vectors.
 */
export function loadMadminTestVectors(): {
  sio: { source: string; vectors: SioTestVector[] };
  madmin: { source: string; vectors: MadminTestVector[] };
} {
  const sandbox = dirname(
    require.resolve('@runtime-portal/runtime-sandbox/package.json'),
  );
  return JSON.parse(
    readFileSync(
      join(sandbox, 'src', 's3', 'admin', 'madminTestVectors.json'),
      'utf8',
    ),
  );
}
