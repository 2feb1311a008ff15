import { Worker } from 'node:worker_threads';

/** Runs in the worker: derives the key with @noble/hashes' Argon2id and posts it back. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id } = require(workerData.module);
parentPort.postMessage(argon2id(workerData.password, workerData.salt, workerData.options));
`;

/**
 * madmin's Argon2id key (minio/madmin-go `encrypt.go`: 1 pass, 64 MiB, 4 lanes, 32 bytes), derived
 * on a worker thread: it costs a second or more of CPU in JavaScript.
 */
export function argon2idKey(password: Buffer, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: require.resolve('@noble/hashes/argon2'),
        password: new Uint8Array(password),
        salt: new Uint8Array(salt),
        options: { t: 1, m: 64 * 1024, p: 4, dkLen: 32 },
      },
    });
    worker.once('message', (key: Uint8Array) => {
      resolve(Buffer.from(key));
      worker.terminate().catch(() => undefined);
    });
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(new Error(`the Argon2id worker stopped (exit code ${code})`)),
    );
  });
}
