import { Worker } from 'node:worker_threads';

/** madmin's `argon2idTime`, `argon2idMemory` (KiB) and `argon2idThreads` (minio/madmin-go `encrypt.go`). */
const MADMIN_ARGON2ID = { t: 1, m: 64 * 1024, p: 4 };
const KEY_BYTES = 32;

/** Runs in the worker: derives the key with @noble/hashes' Argon2id and posts it back. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id } = require(workerData.module);
parentPort.postMessage(argon2id(workerData.password, workerData.salt, workerData.options));
`;

/**
 * The 32-byte key madmin derives with Argon2id from a password and salt (1 pass, 64 MiB, 4 lanes).
 * It costs a second or more of CPU in JavaScript, so it runs on a worker thread, off the event loop.
 */
export function madminArgon2idKey(
  password: Buffer,
  salt: Buffer,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: require.resolve('@noble/hashes/argon2'),
        password: new Uint8Array(password),
        salt: new Uint8Array(salt),
        options: { ...MADMIN_ARGON2ID, dkLen: KEY_BYTES },
      },
    });
    worker.once('message', (key: Uint8Array) => {
      resolve(Buffer.from(key));
      worker.terminate().catch(() => undefined);
    });
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(
        new Error(`madmin: the Argon2id worker stopped (exit code ${code})`),
      ),
    );
  });
}
