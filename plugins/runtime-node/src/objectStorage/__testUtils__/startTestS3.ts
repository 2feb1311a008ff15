import {
  DEFAULT_SANDBOX_CREDENTIALS,
  RuntimeSeed,
  startS3Server,
} from '@runtime-portal/runtime-sandbox';
import { ObjectStorageAccess } from '../../config';

/** The keys the test server accepts; the secret is a canary that must never appear in an error. */
export const TEST_S3_ACCESS_KEY_ID = 'test-access-key';
export const TEST_S3_SECRET_ACCESS_KEY = 'test-secret-key-canary';

/** Starts the sandbox's S3 server on a free port with `seed`, and the access that signs for it. */
export async function startTestS3(seed: RuntimeSeed): Promise<{
  server: { url: string; close(): Promise<void> };
  access: ObjectStorageAccess;
}> {
  const server = await startS3Server({
    port: 0,
    seed,
    credentials: {
      ...DEFAULT_SANDBOX_CREDENTIALS,
      s3AccessKeyId: TEST_S3_ACCESS_KEY_ID,
      s3SecretAccessKey: TEST_S3_SECRET_ACCESS_KEY,
    },
  });
  return {
    server,
    access: {
      endpoint: server.url,
      region: 'us-east-1',
      accessKeyId: TEST_S3_ACCESS_KEY_ID,
      secretAccessKey: TEST_S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
      timeoutMs: 10_000,
    },
  };
}
