import {
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { FOREIGN_BUCKET_NAME } from '@runtime-portal/runtime-sandbox';
import { ObjectStorageAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { EXPIRATION_RULE_ID, ObjectStorageClient } from './ObjectStorageClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { SilentServer, startSilentServer } from '../testing/testServer';
import {
  TEST_S3_ACCESS_KEY_ID,
  TEST_S3_SECRET_ACCESS_KEY,
  startTestS3,
} from './__testUtils__/startTestS3';

const s3AccessKeyId = TEST_S3_ACCESS_KEY_ID;
const s3SecretAccessKey = TEST_S3_SECRET_ACCESS_KEY;

/** Two teams' services with buckets, as the sandbox seed describes them. */
const seed = {
  components: [],
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        {
          name: 'semantic-search',
          buckets: [
            {
              name: 'semantic-search-index',
              versioning: true,
              expirationDays: 90,
            },
          ],
        },
      ],
    },
    {
      name: 'media-team',
      namespace: 'team-media',
      services: [
        {
          name: 'meeting-transcriber',
          buckets: [
            {
              name: 'meeting-recordings',
              versioning: true,
              expirationDays: 365,
            },
            { name: 'meeting-transcripts', versioning: false },
          ],
        },
      ],
    },
  ],
};

describe('ObjectStorageClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: ObjectStorageAccess;
  let client: ObjectStorageClient;
  /** The SDK itself, to arrange state the client does not make. */
  let s3: S3Client;

  beforeAll(async () => {
    ({ server, access } = await startTestS3(seed));
    client = new ObjectStorageClient({ environment: 'dev', access });
    s3 = new S3Client({
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: s3AccessKeyId,
        secretAccessKey: s3SecretAccessKey,
      },
    });
  });
  afterAll(() => server.close());

  it('lists the buckets with their owner and service tags', async () => {
    const buckets = await client.listBucketsWithTags();
    const media = { owner: 'media-team', service: 'meeting-transcriber' };
    expect(buckets.map(({ name, tags }) => ({ name, tags }))).toEqual([
      { name: 'meeting-recordings', tags: media },
      { name: 'meeting-transcripts', tags: media },
      {
        name: 'semantic-search-index',
        tags: { owner: 'search-team', service: 'semantic-search' },
      },
    ]);
    expect(buckets[0].createdAt).toBeInstanceOf(Date);
  });

  it('reads a seeded bucket’s versioning, expiration and policy', async () => {
    expect(await client.getVersioning('meeting-recordings')).toBe('Enabled');
    expect(await client.getVersioning('meeting-transcripts')).toBe(
      'Unversioned',
    );
    expect(
      (await client.getLifecycle('meeting-transcripts')).expirationDays,
    ).toBeUndefined();
    expect(
      (await client.getLifecycle('meeting-recordings')).expirationDays,
    ).toBe(365);
    const policy = await client.getPolicy('meeting-recordings');
    expect(policy?.Version).toBe('2012-10-17');
  });

  describe('createBucket', () => {
    it('creates a bucket, and answers exists when the portal owns it already', async () => {
      expect(await client.createBucket('team-a-data')).toBe('created');
      expect(await client.headBucket('team-a-data')).toBe(true);
      expect(await client.createBucket('team-a-data')).toBe('exists');
    });

    it('fails with AlreadyExists when another account owns the name', async () => {
      const error = await expectUpstreamFailure(
        client.createBucket(FOREIGN_BUCKET_NAME),
      );
      expect(error).toBeInstanceOf(RuntimeUpstreamError);
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        environment: 'dev',
        reason: 'AlreadyExists',
        status: 409,
      });
      expect(error.message).toContain('BucketAlreadyExists');
    });

    it('fails with Invalid for a name the server refuses', async () => {
      const error = await expectUpstreamFailure(
        client.createBucket('Not_A_Bucket'),
      );
      expect(error).toMatchObject({ reason: 'Invalid', status: 400 });
    });
  });

  it('tells whether a bucket exists', async () => {
    expect(await client.headBucket('semantic-search-index')).toBe(true);
    expect(await client.headBucket('no-such-bucket')).toBe(false);
  });

  it('enables and suspends versioning', async () => {
    await client.createBucket('versioned-bucket');
    expect(await client.getVersioning('versioned-bucket')).toBe('Unversioned');
    await client.setVersioning('versioned-bucket', true);
    expect(await client.getVersioning('versioned-bucket')).toBe('Enabled');
    await client.setVersioning('versioned-bucket', false);
    expect(await client.getVersioning('versioned-bucket')).toBe('Suspended');
  });

  describe('expiration', () => {
    it('sets, changes and removes the expiration, keeping rules the portal did not write', async () => {
      const Bucket = 'expiring-bucket';
      await client.createBucket(Bucket);
      expect(await client.getLifecycle(Bucket)).toEqual({
        expirationDays: undefined,
        rules: [],
      });

      const logsRule = {
        ID: 'expire-logs',
        Status: 'Enabled' as const,
        Filter: { Prefix: 'logs/' },
        Expiration: { Days: 3 },
      };
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket,
          LifecycleConfiguration: { Rules: [logsRule] },
        }),
      );
      expect(
        (await client.getLifecycle(Bucket)).expirationDays,
      ).toBeUndefined();

      await client.setExpiration(Bucket, 30);
      await client.setExpiration(Bucket, 45);
      const lifecycle = await client.getLifecycle(Bucket);
      expect(lifecycle.expirationDays).toBe(45);
      expect(lifecycle.rules).toEqual([
        {
          id: 'expire-logs',
          enabled: true,
          prefix: 'logs/',
          filtered: false,
          expirationDays: 3,
        },
        {
          id: EXPIRATION_RULE_ID,
          enabled: true,
          prefix: '',
          filtered: false,
          expirationDays: 45,
        },
      ]);

      await client.setExpiration(Bucket, undefined);
      const { Rules } = await s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket }),
      );
      expect(Rules?.map(rule => rule.ID)).toEqual(['expire-logs']);
    });

    it('removes the lifecycle configuration when the portal’s rule was the only one', async () => {
      await client.createBucket('short-lived');
      await client.setExpiration('short-lived', 1);
      await client.setExpiration('short-lived', undefined);
      expect((await client.getLifecycle('short-lived')).rules).toEqual([]);
    });

    it('refuses an expiration that is not a positive whole number of days', async () => {
      const error = await expectUpstreamFailure(
        client.setExpiration('short-lived', 0),
      );
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        reason: 'Invalid',
      });
    });
  });

  it('sets, reads and clears tags; a bucket without tags has none', async () => {
    await client.createBucket('tagged-bucket');
    expect(await client.getTags('tagged-bucket')).toEqual({});
    await client.setTags('tagged-bucket', { owner: 'team-a', service: 'svc' });
    expect(await client.getTags('tagged-bucket')).toEqual({
      owner: 'team-a',
      service: 'svc',
    });
    await client.setTags('tagged-bucket', {});
    expect(await client.getTags('tagged-bucket')).toEqual({});
  });

  it('sets and reads a policy; a bucket without one has none', async () => {
    await client.createBucket('policy-bucket');
    expect(await client.getPolicy('policy-bucket')).toBeUndefined();
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::policy-bucket/*'],
        },
      ],
    };
    await client.setPolicy('policy-bucket', policy);
    expect(await client.getPolicy('policy-bucket')).toEqual(policy);
  });

  describe('deleteBucket', () => {
    it('deletes an empty bucket', async () => {
      await client.createBucket('removable');
      await client.deleteBucket('removable');
      expect(await client.headBucket('removable')).toBe(false);
    });

    it('fails with Conflict while the bucket holds objects, NotFound when it is gone', async () => {
      await client.createBucket('full-bucket');
      await s3.send(
        new PutObjectCommand({ Bucket: 'full-bucket', Key: 'a', Body: 'a' }),
      );
      expect(
        await expectUpstreamFailure(client.deleteBucket('full-bucket')),
      ).toMatchObject({
        reason: 'Conflict',
        status: 409,
      });
      expect(
        await expectUpstreamFailure(client.deleteBucket('never-existed')),
      ).toMatchObject({
        reason: 'NotFound',
        status: 404,
      });
    });

    it('with force, deletes the bucket with its objects', async () => {
      await client.createBucket('forced-bucket');
      expect(await client.hasObjects('forced-bucket')).toBe(false);
      await s3.send(
        new PutObjectCommand({ Bucket: 'forced-bucket', Key: 'a', Body: 'a' }),
      );
      expect(await client.hasObjects('forced-bucket')).toBe(true);
      await client.deleteBucket('forced-bucket', { force: true });
      expect(await client.headBucket('forced-bucket')).toBe(false);
    });
  });

  describe('credentials', () => {
    it('fails with Unauthorized for a wrong secret, without the secret in the message', async () => {
      const secret = 'wrong-secret-canary-123';
      const wrong = new ObjectStorageClient({
        environment: 'dev',
        access: { ...access, secretAccessKey: secret },
      });
      const error = await expectUpstreamFailure(wrong.listBuckets());
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        reason: 'Unauthorized',
        status: 403,
      });
      expect(error.message).toContain('SignatureDoesNotMatch');
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    });

    it('fails with Unauthorized for an unknown access key', async () => {
      const unknown = new ObjectStorageClient({
        environment: 'dev',
        access: { ...access, accessKeyId: 'nobody' },
      });
      expect(await expectUpstreamFailure(unknown.listBuckets())).toMatchObject({
        reason: 'Unauthorized',
        detail: expect.stringContaining('InvalidAccessKeyId'),
      });
    });

    it('can only say Forbidden for a HEAD refused for its credentials (a HEAD answer has no body)', async () => {
      const unknown = new ObjectStorageClient({
        environment: 'dev',
        access: { ...access, accessKeyId: 'nobody' },
      });
      expect(
        await expectUpstreamFailure(
          unknown.headBucket('semantic-search-index'),
        ),
      ).toMatchObject({
        reason: 'Forbidden',
        status: 403,
      });
    });

    it('fails with Forbidden on another account’s bucket', async () => {
      expect(
        await expectUpstreamFailure(client.getTags(FOREIGN_BUCKET_NAME)),
      ).toMatchObject({
        reason: 'Forbidden',
        status: 403,
      });
    });
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let silentClient: ObjectStorageClient;
    const attempts = () => silent.requests.map(r => r.method);

    beforeAll(async () => {
      silent = await startSilentServer();
      silentClient = new ObjectStorageClient({
        environment: 'dev',
        access: { ...access, endpoint: silent.url, timeoutMs: 150 },
      });
    });
    beforeEach(() => {
      silent.requests.length = 0;
    });
    afterAll(() => silent.close());

    it('times out a read after retrying it', async () => {
      const error = await expectUpstreamFailure(
        silentClient.headBucket('any-bucket'),
      );
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        reason: 'Timeout',
      });
      expect(attempts()).toEqual(['HEAD', 'HEAD', 'HEAD']);
    });

    it('sends a bucket creation only once', async () => {
      const error = await expectUpstreamFailure(
        silentClient.createBucket('any-bucket'),
      );
      expect(error).toMatchObject({ reason: 'Timeout' });
      expect(attempts()).toEqual(['PUT']);
    });

    it('stops when the caller aborts', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const error = await expectUpstreamFailure(
        silentClient.listBuckets({ signal: controller.signal }),
      );
      expect(error).toMatchObject({ reason: 'Aborted' });
    });
  });
});
