import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadSeed } from '../seed';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  RunningServer,
  SandboxCredentials,
} from '../types';
import { startS3Server } from '.';

describe("the portal's MinIO user (deploy/minio/runtime-portal-policy.json)", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startS3Server({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  const clientFor = (credentials: SandboxCredentials) =>
    new S3Client({
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: credentials.s3AccessKeyId,
        secretAccessKey: credentials.s3SecretAccessKey,
      },
    });
  const portal = () => clientFor(DEFAULT_SANDBOX_CREDENTIALS);
  const root = () => clientFor(DEFAULT_SANDBOX_ADMIN_CREDENTIALS);

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (e: any) => `${e.name} ${e.$metadata?.httpStatusCode}`,
    );

  /** An admin API request signed as madmin signs it. */
  async function admin(
    as: SandboxCredentials,
    method: string,
    api: string,
    query: Record<string, string>,
  ) {
    const url = new URL(server.url);
    const path = `/minio/admin/v3/${api}`;
    const signed = await new SignatureV4({
      credentials: {
        accessKeyId: as.s3AccessKeyId,
        secretAccessKey: as.s3SecretAccessKey,
      },
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
    }).sign({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query,
      headers: {
        host: url.host,
        'x-amz-content-sha256': createHash('sha256').update('').digest('hex'),
      },
    });
    const response = await fetch(
      `${server.url}${path}?${new URLSearchParams(query)}`,
      { method, headers: signed.headers as Record<string, string> },
    );
    const text = await response.text();
    // Successful answers are madmin-encrypted; errors are plain JSON.
    return {
      status: response.status,
      json: response.ok ? undefined : JSON.parse(text),
    };
  }

  it('manages buckets as the policy allows', async () => {
    const listed = await portal().send(new ListBucketsCommand({}));
    expect(listed.Buckets?.length).toBeGreaterThan(0);
    await portal().send(new CreateBucketCommand({ Bucket: 'portal-made' }));
    await portal().send(
      new PutBucketVersioningCommand({
        Bucket: 'portal-made',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
  });

  it('is refused objects, which the policy does not grant, with AccessDenied', async () => {
    const bucket = (await root().send(new ListBucketsCommand({}))).Buckets![0]
      .Name!;
    expect(
      await failure(
        portal().send(
          new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v' }),
        ),
      ),
    ).toBe('AccessDenied 403');
    await root().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v' }),
    );
    expect(
      await failure(
        portal().send(new GetObjectCommand({ Bucket: bucket, Key: 'k' })),
      ),
    ).toBe('AccessDenied 403');
  });

  it('looks itself up but may not list users, which the root may', async () => {
    const self = await admin(DEFAULT_SANDBOX_CREDENTIALS, 'GET', 'user-info', {
      accessKey: DEFAULT_SANDBOX_CREDENTIALS.s3AccessKeyId,
    });
    expect(self.status).toBe(200);
    const listed = await admin(
      DEFAULT_SANDBOX_CREDENTIALS,
      'GET',
      'list-users',
      {},
    );
    expect(listed.status).toBe(403);
    expect(listed.json).toMatchObject({
      Code: 'AccessDenied',
      Message: 'Access Denied.',
      Resource: '/minio/admin/v3/list-users',
    });
    const asRoot = await admin(
      DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
      'GET',
      'list-users',
      {},
    );
    expect(asRoot.status).toBe(200);
  });
});
