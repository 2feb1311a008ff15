import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { FOREIGN_BUCKET_NAME, startS3Server } from '.';

const { s3AccessKeyId, s3SecretAccessKey } = DEFAULT_SANDBOX_CREDENTIALS;

describe('startS3Server', () => {
  let server: RunningServer;
  let s3: S3Client;

  beforeAll(async () => {
    server = await startS3Server({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    s3 = clientFor(server.url, s3SecretAccessKey);
  });
  afterAll(() => server.close());

  /** The S3 error code (and HTTP status) a call fails with. */
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (e: any) => `${e.name} ${e.$metadata?.httpStatusCode}`,
    );

  /** A request signed by hand, to send what the SDK never would. */
  async function signedFetch(
    method: string,
    path: string,
    options: {
      query?: Record<string, string>;
      headers?: Record<string, string>;
      body?: string;
      secret?: string;
      tamper?: (request: { path: string; body?: string }) => void;
    } = {},
  ) {
    const url = new URL(server.url);
    const body = options.body ?? '';
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: s3AccessKeyId,
        secretAccessKey: options.secret ?? s3SecretAccessKey,
      },
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: options.query ?? {},
      headers: {
        host: url.host,
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
        ...options.headers,
      },
    });
    const sent = { path, body: options.body };
    options.tamper?.(sent);
    const query = new URLSearchParams(options.query ?? {}).toString();
    const response = await fetch(
      `${server.url}${sent.path}${query ? `?${query}` : ''}`,
      {
        method,
        headers: signed.headers as Record<string, string>,
        body: sent.body,
      },
    );
    return { status: response.status, text: await response.text() };
  }

  describe('seeded Runtime', () => {
    it('lists the seeded services’ buckets, and not the bucket of another account', async () => {
      const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
      expect(Buckets?.map(b => b.Name)).toEqual([
        'meeting-recordings',
        'semantic-search-index',
        'support-assistant-transcripts',
      ]);
      expect(Buckets?.[0].CreationDate).toBeInstanceOf(Date);
      expect(Owner?.ID).toBe('runtime-portal');
    });

    it('gives each seeded bucket its owner tags, versioning, expiry and policy', async () => {
      const Bucket = 'semantic-search-index';
      const tags = await s3.send(new GetBucketTaggingCommand({ Bucket }));
      expect(tags.TagSet).toEqual([
        { Key: 'owner', Value: 'search-team' },
        { Key: 'service', Value: 'semantic-search' },
      ]);
      expect(
        (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status,
      ).toBe('Enabled');
      const lifecycle = await s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket }),
      );
      expect(lifecycle.Rules).toEqual([
        expect.objectContaining({
          Status: 'Enabled',
          Expiration: { Days: 90 },
        }),
      ]);
      const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket }));
      expect(JSON.parse(Policy!).Statement[1].Resource).toEqual([
        'arn:aws:s3:::semantic-search-index/*',
      ]);
      const unversioned = 'support-assistant-transcripts';
      expect(
        (await s3.send(new GetBucketVersioningCommand({ Bucket: unversioned })))
          .Status,
      ).toBeUndefined();
    });
  });

  describe('buckets', () => {
    it('creates a bucket once: again is BucketAlreadyOwnedByYou, another account’s is BucketAlreadyExists', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'fresh-bucket' }));
      expect(
        await failure(
          s3.send(new CreateBucketCommand({ Bucket: 'fresh-bucket' })),
        ),
      ).toBe('BucketAlreadyOwnedByYou 409');
      expect(
        await failure(
          s3.send(new CreateBucketCommand({ Bucket: FOREIGN_BUCKET_NAME })),
        ),
      ).toBe('BucketAlreadyExists 409');
      await s3.send(new HeadBucketCommand({ Bucket: 'fresh-bucket' }));
    });

    it('refuses invalid bucket names with InvalidBucketName', async () => {
      for (const Bucket of [
        'Upper_Case',
        'ab',
        '192.168.1.1',
        'a..b',
        '-dash',
      ]) {
        expect(
          await failure(s3.send(new CreateBucketCommand({ Bucket }))),
        ).toBe('InvalidBucketName 400');
      }
    });

    it('answers 404 for a missing bucket and 403 for another account’s bucket', async () => {
      expect(
        await failure(
          s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })),
        ),
      ).toBe('NotFound 404');
      expect(
        await failure(
          s3.send(new GetBucketTaggingCommand({ Bucket: 'no-such-bucket' })),
        ),
      ).toBe('NoSuchBucket 404');
      expect(
        await failure(
          s3.send(new GetBucketTaggingCommand({ Bucket: FOREIGN_BUCKET_NAME })),
        ),
      ).toBe('AccessDenied 403');
    });

    it('deletes only an empty bucket', async () => {
      const Bucket = 'soon-deleted';
      await s3.send(new CreateBucketCommand({ Bucket }));
      await s3.send(new PutObjectCommand({ Bucket, Key: 'a.txt', Body: 'a' }));
      expect(await failure(s3.send(new DeleteBucketCommand({ Bucket })))).toBe(
        'BucketNotEmpty 409',
      );
      await s3.send(new DeleteObjectCommand({ Bucket, Key: 'a.txt' }));
      await s3.send(new DeleteBucketCommand({ Bucket }));
      expect(await failure(s3.send(new HeadBucketCommand({ Bucket })))).toBe(
        'NotFound 404',
      );
    });

    it("deletes a bucket with its objects on MinIO's force-delete header, and refuses a bad value", async () => {
      const Bucket = 'force-deleted';
      await s3.send(new CreateBucketCommand({ Bucket }));
      await s3.send(new PutObjectCommand({ Bucket, Key: 'a.txt', Body: 'a' }));
      const invalid = await signedFetch('DELETE', `/${Bucket}`, {
        headers: { 'x-minio-force-delete': 'yes' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.text).toContain('<Code>InvalidRequest</Code>');
      const forced = await signedFetch('DELETE', `/${Bucket}`, {
        headers: { 'x-minio-force-delete': 'true' },
      });
      expect(forced.status).toBe(204);
      expect(await failure(s3.send(new HeadBucketCommand({ Bucket })))).toBe(
        'NotFound 404',
      );
    });

    it('writes an S3 XML error body naming the code, bucket and request', async () => {
      const { status, text } = await signedFetch('GET', '/no-such-bucket', {
        query: { tagging: '' },
      });
      expect(status).toBe(404);
      expect(text).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>no-such-bucket<\/BucketName><Resource>\/no-such-bucket<\/Resource><RequestId>[0-9A-F]{16}<\/RequestId>/,
      );
    });
  });

  describe('bucket configuration', () => {
    const Bucket = 'configured-bucket';
    beforeAll(() => s3.send(new CreateBucketCommand({ Bucket })));

    it('answers the S3 "nothing set" errors before configuration exists', async () => {
      expect(
        await failure(
          s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })),
        ),
      ).toBe('NoSuchLifecycleConfiguration 404');
      expect(
        await failure(s3.send(new GetBucketTaggingCommand({ Bucket }))),
      ).toBe('NoSuchTagSet 404');
      expect(
        await failure(s3.send(new GetBucketPolicyCommand({ Bucket }))),
      ).toBe('NoSuchBucketPolicy 404');
    });

    it('stores and removes versioning, lifecycle, tags and policy', async () => {
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket,
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket,
          VersioningConfiguration: { Status: 'Suspended' },
        }),
      );
      expect(
        (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status,
      ).toBe('Suspended');

      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket,
          LifecycleConfiguration: {
            Rules: [
              {
                ID: 'expire',
                Status: 'Enabled',
                Filter: { Prefix: '' },
                Expiration: { Days: 7 },
              },
            ],
          },
        }),
      );
      const { Rules } = await s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket }),
      );
      expect(Rules).toEqual([
        {
          ID: 'expire',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Expiration: { Days: 7 },
        },
      ]);

      await s3.send(
        new PutBucketTaggingCommand({
          Bucket,
          Tagging: { TagSet: [{ Key: 'owner', Value: 'x' }] },
        }),
      );
      expect(
        (await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet,
      ).toEqual([{ Key: 'owner', Value: 'x' }]);

      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['s3:GetObject'],
            Resource: [`arn:aws:s3:::${Bucket}/*`],
          },
        ],
      });
      await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
      expect(
        (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy,
      ).toBe(policy);

      await s3.send(new DeleteBucketLifecycleCommand({ Bucket }));
      await s3.send(new DeleteBucketTaggingCommand({ Bucket }));
      await s3.send(new DeleteBucketPolicyCommand({ Bucket }));
      expect(
        await failure(
          s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })),
        ),
      ).toBe('NoSuchLifecycleConfiguration 404');
      expect(
        await failure(s3.send(new GetBucketTaggingCommand({ Bucket }))),
      ).toBe('NoSuchTagSet 404');
    });

    it('validates lifecycle rules, tags and policies as MinIO does', async () => {
      expect(
        await failure(
          s3.send(
            new PutBucketLifecycleConfigurationCommand({
              Bucket,
              LifecycleConfiguration: {
                Rules: [
                  {
                    ID: 'x',
                    Status: 'Enabled',
                    Filter: { Prefix: '' },
                    Expiration: { Days: 0 },
                  },
                ],
              },
            }),
          ),
        ),
      ).toBe('InvalidArgument 400');
      expect(
        await failure(
          s3.send(
            new PutBucketTaggingCommand({
              Bucket,
              Tagging: {
                TagSet: [
                  { Key: 'a', Value: '1' },
                  { Key: 'a', Value: '2' },
                ],
              },
            }),
          ),
        ),
      ).toBe('InvalidTag 400');
      const otherBucketPolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::other/*',
          },
        ],
      });
      expect(
        await failure(
          s3.send(
            new PutBucketPolicyCommand({ Bucket, Policy: otherBucketPolicy }),
          ),
        ),
      ).toBe('MalformedPolicy 400');
    });

    it('requires Content-MD5 or a checksum on PutBucketLifecycleConfiguration, and checks it', async () => {
      const body =
        '<LifecycleConfiguration><Rule><ID>a</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>';
      const path = `/${Bucket}`;
      const query = { lifecycle: '' };
      const md5 = createHash('md5').update(body).digest('base64');

      const missing = await signedFetch('PUT', path, { query, body });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('<Code>MissingContentMD5</Code>');

      const wrong = await signedFetch('PUT', path, {
        query,
        body,
        headers: {
          'content-md5': createHash('md5').update('other').digest('base64'),
        },
      });
      expect(wrong.text).toContain('<Code>BadDigest</Code>');

      const right = await signedFetch('PUT', path, {
        query,
        body,
        headers: { 'content-md5': md5 },
      });
      expect(right.status).toBe(200);
    });
  });

  describe('objects', () => {
    const Bucket = 'object-bucket';
    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket }));
      for (const Key of [
        'a.txt',
        'b.txt',
        'logs/1.log',
        'logs/2.log',
        'z.txt',
      ]) {
        await s3.send(
          new PutObjectCommand({ Bucket, Key, Body: `content of ${Key}` }),
        );
      }
    });

    it('stores and returns an object', async () => {
      const object = await s3.send(
        new GetObjectCommand({ Bucket, Key: 'logs/1.log' }),
      );
      expect(await object.Body!.transformToString()).toBe(
        'content of logs/1.log',
      );
      expect(
        await failure(
          s3.send(new GetObjectCommand({ Bucket, Key: 'missing.txt' })),
        ),
      ).toBe('NoSuchKey 404');
    });

    it('pages ListObjectsV2 with max-keys and continuation tokens', async () => {
      const pages: string[][] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket, MaxKeys: 2, ContinuationToken }),
        );
        pages.push((page.Contents ?? []).map(c => c.Key!));
        expect(page.KeyCount).toBe(pages[pages.length - 1].length);
        ContinuationToken = page.IsTruncated
          ? page.NextContinuationToken
          : undefined;
      } while (ContinuationToken);
      expect(pages).toEqual([
        ['a.txt', 'b.txt'],
        ['logs/1.log', 'logs/2.log'],
        ['z.txt'],
      ]);
    });

    it('groups keys under a delimiter into common prefixes', async () => {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket, Delimiter: '/' }),
      );
      expect(page.Contents?.map(c => c.Key)).toEqual([
        'a.txt',
        'b.txt',
        'z.txt',
      ]);
      expect(page.CommonPrefixes).toEqual([{ Prefix: 'logs/' }]);
    });

    it('refuses a continuation token it did not issue', async () => {
      expect(
        await failure(
          s3.send(
            new ListObjectsV2Command({
              Bucket,
              ContinuationToken: 'not-a-token',
            }),
          ),
        ),
      ).toBe('InvalidArgument 400');
    });
  });

  describe('Signature Version 4', () => {
    it('refuses a request signed with the wrong secret key', async () => {
      const wrong = clientFor(server.url, 'not-the-secret');
      expect(await failure(wrong.send(new ListBucketsCommand({})))).toBe(
        'SignatureDoesNotMatch 403',
      );
    });

    it('refuses an access key it does not know', async () => {
      const unknown = new S3Client({
        endpoint: server.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: 'nobody',
          secretAccessKey: s3SecretAccessKey,
        },
      });
      expect(await failure(unknown.send(new ListBucketsCommand({})))).toBe(
        'InvalidAccessKeyId 403',
      );
    });

    it('refuses an unsigned request', async () => {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>AccessDenied</Code>');
    });

    it('refuses a request whose path or body changed after signing', async () => {
      const movedPath = await signedFetch('GET', '/semantic-search-index', {
        query: { tagging: '' },
        tamper: request => (request.path = '/meeting-recordings'),
      });
      expect(movedPath.status).toBe(403);
      expect(movedPath.text).toContain('<Code>SignatureDoesNotMatch</Code>');

      const body =
        '<Tagging><TagSet><Tag><Key>owner</Key><Value>me</Value></Tag></TagSet></Tagging>';
      const changedBody = await signedFetch('PUT', '/semantic-search-index', {
        query: { tagging: '' },
        body,
        tamper: request => (request.body = body.replace('me', 'you')),
      });
      expect(changedBody.status).toBe(400);
      expect(changedBody.text).toContain(
        '<Code>XAmzContentSHA256Mismatch</Code>',
      );
    });
  });
});

function clientFor(endpoint: string, secretAccessKey: string) {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: s3AccessKeyId, secretAccessKey },
  });
}
