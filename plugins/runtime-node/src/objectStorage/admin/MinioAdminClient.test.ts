import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { FOREIGN_BUCKET_NAME } from '@runtime-portal/runtime-sandbox';
import { ObjectStorageAccess } from '../../config';
import { expectUpstreamFailure } from '../../testing/expectUpstreamFailure';
import { endlessBody, resetMidBody } from '../../testing/faultyAnswers';
import {
  SilentServer,
  TestServer,
  startSilentServer,
  startTestServer,
} from '../../testing/testServer';
import { ObjectStorageClient } from '../ObjectStorageClient';
import { bucketAccessPolicy } from '../bucketAccess';
import {
  TEST_S3_SECRET_ACCESS_KEY,
  startTestS3,
} from '../__testUtils__/startTestS3';
import { MinioAdminClient } from './MinioAdminClient';
import { decryptMadminData } from './madminEncryption';

const s3SecretAccessKey = TEST_S3_SECRET_ACCESS_KEY;

const seed = {
  components: [],
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        {
          name: 'semantic-search',
          buckets: [{ name: 'semantic-search-index', versioning: true }],
        },
        {
          name: 'ranker',
          buckets: [{ name: 'ranker-models', versioning: false }],
        },
      ],
    },
  ],
};

describe('MinioAdminClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: ObjectStorageAccess;
  let admin: MinioAdminClient;

  beforeAll(async () => {
    ({ server, access } = await startTestS3(seed));
    admin = new MinioAdminClient({ environment: 'dev', access });
  });
  afterAll(() => server.close());

  it('is on the ObjectStorageClient, with the same access', async () => {
    const storage = new ObjectStorageClient({ environment: 'dev', access });
    expect(storage.admin).toBeInstanceOf(MinioAdminClient);
    await storage.admin.putCannedPolicy(
      'p-via-storage',
      bucketAccessPolicy('x'),
    );
    expect(await admin.getCannedPolicy('p-via-storage')).toEqual(
      bucketAccessPolicy('x'),
    );
    await storage.admin.removeCannedPolicy('p-via-storage');
  });

  describe('canned policies', () => {
    it('puts, reads, replaces and removes a policy', async () => {
      await admin.putCannedPolicy('p-search', bucketAccessPolicy('a-bucket'));
      expect(await admin.getCannedPolicy('p-search')).toEqual(
        bucketAccessPolicy('a-bucket'),
      );
      await admin.putCannedPolicy('p-search', bucketAccessPolicy('b-bucket'));
      expect(await admin.getCannedPolicy('p-search')).toEqual(
        bucketAccessPolicy('b-bucket'),
      );
      await admin.removeCannedPolicy('p-search');
      expect(await admin.getCannedPolicy('p-search')).toBeUndefined();
      await admin.removeCannedPolicy('p-search'); // done already
    });

    it('reads an unknown policy as undefined', async () => {
      expect(await admin.getCannedPolicy('p-never-made')).toBeUndefined();
    });

    it('fails with Invalid for a policy MinIO refuses', async () => {
      const error = await expectUpstreamFailure(
        admin.putCannedPolicy('p-bad', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'nope' }],
        }),
      );
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        environment: 'dev',
        operation: 'put canned policy p-bad',
        reason: 'Invalid',
        status: 400,
      });
      expect(error.message).toContain('XMinioMalformedIAMPolicy');
    });
  });

  describe('users', () => {
    beforeAll(async () => {
      await admin.putCannedPolicy('p-one', bucketAccessPolicy('one'));
      await admin.putCannedPolicy('p-two', bucketAccessPolicy('two'));
    });

    it('puts a user with a policy, reads it (never its secret), updates and removes it', async () => {
      await admin.putUser('svc-one', {
        secretKey: 'svc-one-secret-1',
        policies: ['p-one'],
      });
      const info = await admin.getUser('svc-one');
      expect(info).toEqual({ status: 'enabled', policies: ['p-one'] });
      expect(JSON.stringify(info)).not.toContain('svc-one-secret');

      await admin.putUser('svc-one', {
        secretKey: 'svc-one-secret-2',
        policies: ['p-one', 'p-two'],
      });
      expect(await admin.getUser('svc-one')).toEqual({
        status: 'enabled',
        policies: ['p-one', 'p-two'],
      });

      await admin.removeUser('svc-one');
      expect(await admin.getUser('svc-one')).toBeUndefined();
      await admin.removeUser('svc-one'); // done already
    });

    it('lists users with their policies, never their secrets', async () => {
      await admin.putUser('svc-list-a', {
        secretKey: 'svc-list-a-secret',
        policies: ['p-one'],
      });
      await admin.putUser('svc-list-b', {
        secretKey: 'svc-list-b-secret',
        policies: [],
      });
      const users = await admin.listUsers();
      expect(users['svc-list-a']).toEqual({
        status: 'enabled',
        policies: ['p-one'],
      });
      expect(users['svc-list-b']).toEqual({ status: 'enabled', policies: [] });
      expect(JSON.stringify(users)).not.toContain('secret');
      await admin.removeUser('svc-list-a');
      await admin.removeUser('svc-list-b');
      expect(Object.keys(await admin.listUsers())).not.toContain('svc-list-a');
    });

    it('sets exactly the policies given, also none', async () => {
      await admin.putUser('svc-exact', {
        secretKey: 'svc-exact-secret',
        policies: ['p-one', 'p-two'],
      });
      await admin.putUser('svc-exact', {
        secretKey: 'svc-exact-secret',
        policies: ['p-two'],
      });
      expect(await admin.getUser('svc-exact')).toEqual({
        status: 'enabled',
        policies: ['p-two'],
      });
      await admin.putUser('svc-exact', {
        secretKey: 'svc-exact-secret',
        policies: [],
      });
      expect(await admin.getUser('svc-exact')).toEqual({
        status: 'enabled',
        policies: [],
      });
      await admin.removeUser('svc-exact');
    });

    it('fails with NotFound when a policy does not exist', async () => {
      const error = await expectUpstreamFailure(
        admin.putUser('svc-lost', {
          secretKey: 'svc-lost-secret',
          policies: ['p-missing'],
        }),
      );
      expect(error).toMatchObject({
        operation: 'put user svc-lost',
        reason: 'NotFound',
        status: 404,
      });
      expect(error.message).toContain(
        'XMinioAdminNoSuchPolicy: The canned policy does not exist.',
      );
      expect(error.message).not.toContain('svc-lost-secret');
      // add-user succeeded before set-user-or-group-policy failed
      expect(await admin.getUser('svc-lost')).toEqual({
        status: 'enabled',
        policies: [],
      });
      await admin.removeUser('svc-lost');
    });

    it.each([
      ['an access key too short', 'ab', 'long-enough-secret'],
      ['an access key with a comma', 'svc,x', 'long-enough-secret'],
      ['a secret key too short', 'svc-small', 'pw-4567'],
    ])(
      'fails with Invalid for %s, without the secret',
      async (_case, accessKey, secretKey) => {
        const error = await expectUpstreamFailure(
          admin.putUser(accessKey, { secretKey, policies: ['p-one'] }),
        );
        expect(error).toMatchObject({ reason: 'Invalid', status: 400 });
        expect(error.message).toMatch(/XMinioAdminInvalid(Access|Secret)Key/);
        expect(error.message).not.toContain(secretKey);
        expect(error.message).not.toContain(s3SecretAccessKey);
      },
    );

    it('sends the user request encrypted with the root secret key', async () => {
      const bodies: Buffer[] = [];
      const urls: string[] = [];
      const recording = new MinioAdminClient({
        environment: 'dev',
        access,
        fetch: async (input, init) => {
          urls.push(`${init?.method} ${String(input)}`);
          if (init?.body) bodies.push(Buffer.from(init.body as Uint8Array));
          return fetch(input, init);
        },
      });
      await recording.putUser('svc-peek', {
        secretKey: 'svc-peek-secret',
        policies: ['p-one', 'p-two'],
      });
      expect(bodies).toHaveLength(1);
      expect(bodies[0].toString('latin1')).not.toContain('svc-peek-secret');
      expect(bodies[0][32]).toBe(0x02);
      expect(
        JSON.parse(
          (await decryptMadminData(s3SecretAccessKey, bodies[0])).toString(),
        ),
      ).toEqual({
        secretKey: 'svc-peek-secret',
        status: 'enabled',
      });
      expect(urls.map(url => url.replace(server.url, ''))).toEqual([
        'PUT /minio/admin/v3/add-user?accessKey=svc-peek',
        'PUT /minio/admin/v3/set-user-or-group-policy?policyName=p-one%2Cp-two&userOrGroup=svc-peek&isGroup=false',
      ]);
    });
  });

  describe('a user’s access through S3', () => {
    const bucket = 'semantic-search-index';
    const user = { accessKey: 'svc-search', secretKey: 'svc-search-secret' };
    let s3: S3Client;

    beforeAll(async () => {
      await admin.putCannedPolicy(
        'p-search-bucket',
        bucketAccessPolicy(bucket),
      );
      await admin.putUser(user.accessKey, {
        secretKey: user.secretKey,
        policies: ['p-search-bucket'],
      });
      s3 = new S3Client({
        endpoint: server.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: user.accessKey,
          secretAccessKey: user.secretKey,
        },
      });
    });

    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (e: any) => `${e.name} ${e.$metadata?.httpStatusCode}`,
      );

    it('puts and gets objects in its bucket', async () => {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'hello' }),
      );
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'doc.txt' }),
      );
      expect(await object.Body?.transformToString()).toBe('hello');
    });

    it('is denied another bucket and creating buckets', async () => {
      for (const other of ['ranker-models', FOREIGN_BUCKET_NAME]) {
        expect(
          await failure(
            s3.send(
              new PutObjectCommand({ Bucket: other, Key: 'x', Body: 'x' }),
            ),
          ),
        ).toBe('AccessDenied 403');
        expect(
          await failure(
            s3.send(new GetObjectCommand({ Bucket: other, Key: 'x' })),
          ),
        ).toBe('AccessDenied 403');
      }
      expect(
        await failure(s3.send(new CreateBucketCommand({ Bucket: 'mine-now' }))),
      ).toBe('AccessDenied 403');
    });

    it('cannot use the admin API itself', async () => {
      const asUser = new MinioAdminClient({
        environment: 'dev',
        access: {
          ...access,
          accessKeyId: user.accessKey,
          secretAccessKey: user.secretKey,
        },
      });
      // MinIO lets a user look itself up (unless a policy denies it), nobody else.
      expect(await asUser.getUser('svc-search')).toMatchObject({
        status: 'enabled',
      });
      const error = await expectUpstreamFailure(asUser.getUser('svc-other'));
      expect(error).toMatchObject({ reason: 'Forbidden', status: 403 });
      expect(error.message).toContain('AccessDenied');
    });
  });

  describe('credentials', () => {
    it('fails with Unauthorized for a wrong secret key, without the secret', async () => {
      const wrong = new MinioAdminClient({
        environment: 'dev',
        access: { ...access, secretAccessKey: 'wrong-secret-canary' },
      });
      const error = await expectUpstreamFailure(wrong.getCannedPolicy('p-x'));
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        operation: 'read canned policy p-x',
        reason: 'Unauthorized',
        status: 403,
      });
      expect(error.message).toContain('SignatureDoesNotMatch');
      expect(error.message).not.toContain('wrong-secret-canary');
    });

    it('fails with Unauthorized for an unknown access key', async () => {
      const unknown = new MinioAdminClient({
        environment: 'dev',
        access: { ...access, accessKeyId: 'nobody' },
      });
      const error = await expectUpstreamFailure(unknown.getUser('svc-x'));
      expect(error).toMatchObject({ reason: 'Unauthorized', status: 403 });
      expect(error.message).toContain('InvalidAccessKeyId');
    });
  });

  describe('unexpected answers', () => {
    let odd: TestServer;
    beforeAll(async () => {
      odd = await startTestServer((req, res) => {
        if (req.url?.includes('user-info')) {
          resetMidBody('{"policyName":"p-one,p-two","status":"enabled"}')(
            req,
            res,
          );
        } else if (req.url?.includes('add-user')) {
          endlessBody()(req, res);
        } else if (req.url?.includes('info-canned-policy')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('not json');
        } else {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end('<html>bad gateway</html>');
        }
      });
    });
    afterAll(() => odd.close());

    it('fails clearly on a document it cannot read and on a proxy error', async () => {
      const client = new MinioAdminClient({
        environment: 'dev',
        access: { ...access, endpoint: odd.url },
      });
      expect(
        await expectUpstreamFailure(client.getCannedPolicy('p')),
      ).toMatchObject({ reason: 'Malformed', status: 200 });
      expect(await expectUpstreamFailure(client.removeUser('u'))).toMatchObject(
        { reason: 'Unavailable', status: 502 },
      );
    });

    it('fails with Truncated when the answer is cut off, and TooLarge over the limit', async () => {
      const client = new MinioAdminClient({
        environment: 'dev',
        access: { ...access, endpoint: odd.url, maxResponseBytes: 64 * 1024 },
      });
      expect(await expectUpstreamFailure(client.getUser('u'))).toMatchObject({
        upstream: 'objectStorage',
        operation: 'read user u',
        reason: 'Truncated',
        status: 200,
      });
      const tooLarge = await expectUpstreamFailure(
        client.putUser('u', { secretKey: 'u-secret-canary', policies: [] }),
      );
      expect(tooLarge).toMatchObject({ reason: 'TooLarge', status: 200 });
      expect(tooLarge.message).not.toContain('u-secret-canary');
    });
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let silentClient: MinioAdminClient;

    beforeAll(async () => {
      silent = await startSilentServer();
      silentClient = new MinioAdminClient({
        environment: 'dev',
        access: { ...access, endpoint: silent.url, timeoutMs: 150 },
      });
    });
    afterAll(() => silent.close());

    it('times out after the configured time, sending the call once', async () => {
      silent.requests.length = 0;
      const error = await expectUpstreamFailure(
        silentClient.putUser('svc-t', {
          secretKey: 'svc-t-secret',
          policies: ['p-one'],
        }),
      );
      expect(error).toMatchObject({
        upstream: 'objectStorage',
        operation: 'put user svc-t',
        reason: 'Timeout',
      });
      expect(error.message).not.toContain('svc-t-secret');
      expect(silent.requests.map(r => `${r.method} ${r.url}`)).toEqual([
        'PUT /minio/admin/v3/add-user?accessKey=svc-t',
      ]);
      expect(silent.requests[0].headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=test-access-key\/\d{8}\/us-east-1\/s3\/aws4_request/,
      );
    });

    it('stops when the caller aborts', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const error = await expectUpstreamFailure(
        silentClient.getUser('svc-t', { signal: controller.signal }),
      );
      expect(error).toMatchObject({ reason: 'Aborted' });
    });
  });

  it('fails with Unavailable when nothing listens', async () => {
    const closed = await startTestServer();
    await closed.close();
    const client = new MinioAdminClient({
      environment: 'dev',
      access: { ...access, endpoint: closed.url },
    });
    const error = await expectUpstreamFailure(client.removeUser('svc-x'));
    expect(error).toMatchObject({ reason: 'Unavailable' });
  });
});
