import {
  createCipheriv,
  createHash,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';
import {
  CreateBucketCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadSeed } from '../../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../../types';
import { FOREIGN_BUCKET_NAME, startS3Server } from '..';
import { bucketPolicy } from './__testUtils__/bucketPolicy';

const { s3AccessKeyId, s3SecretAccessKey } = DEFAULT_SANDBOX_CREDENTIALS;
const root = { accessKey: s3AccessKeyId, secretKey: s3SecretAccessKey };

/**
 * madmin `EncryptData`, PBKDF2AESGCM variant, written here with Node's crypto alone (independent of
 * the sandbox's decryption and of the runtime-node client): salt | 0x02 | nonce | sio-go stream of
 * 16 KiB fragments, sealed with AES-256-GCM under nonce || seq (LE), authenticated with
 * flag || header tag (flag 0x80 on the last fragment).
 */
function madminEncrypt(
  password: string,
  data: Buffer,
  options: { id?: number } = {},
): Buffer {
  const salt = randomBytes(32);
  const nonce = randomBytes(8);
  const key = pbkdf2Sync(password, salt, 8192, 32, 'sha256');
  const sealFragment = (sequence: number, plaintext: Buffer, aad: Buffer) => {
    const iv = Buffer.concat([nonce, Buffer.alloc(4)]);
    iv.writeUInt32LE(sequence, 8);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
    return Buffer.concat([
      cipher.update(plaintext),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
  };
  const headerTag = sealFragment(0, Buffer.alloc(0), Buffer.alloc(0));
  const out = [salt, Buffer.from([options.id ?? 0x02]), nonce];
  const size = 16384;
  let sequence = 1;
  let offset = 0;
  for (; data.length - offset > size; offset += size, sequence++) {
    out.push(
      sealFragment(
        sequence,
        data.subarray(offset, offset + size),
        Buffer.concat([Buffer.from([0x00]), headerTag]),
      ),
    );
  }
  out.push(
    sealFragment(
      sequence,
      data.subarray(offset),
      Buffer.concat([Buffer.from([0x80]), headerTag]),
    ),
  );
  return Buffer.concat(out);
}

describe('the sandbox MinIO admin API', () => {
  let server: RunningServer;
  let s3: S3Client;

  beforeAll(async () => {
    server = await startS3Server({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    s3 = clientFor(root.accessKey, root.secretKey);
  });
  afterAll(() => server.close());

  function clientFor(accessKeyId: string, secretAccessKey: string) {
    return new S3Client({
      endpoint: server.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
    });
  }

  /** An admin request, signed by hand as madmin signs it. */
  async function admin(
    method: string,
    api: string,
    query: Record<string, string>,
    options: {
      body?: Buffer | string;
      as?: { accessKey: string; secretKey: string };
      signWith?: string;
    } = {},
  ) {
    const url = new URL(server.url);
    const body = Buffer.from(options.body ?? '');
    const as = options.as ?? root;
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: as.accessKey,
        secretAccessKey: options.signWith ?? as.secretKey,
      },
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
    });
    const path = `/minio/admin/v3/${api}`;
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query,
      headers: {
        host: url.host,
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      },
    });
    const response = await fetch(
      `${server.url}${path}?${new URLSearchParams(query)}`,
      {
        method,
        headers: signed.headers as Record<string, string>,
        body: method === 'GET' ? undefined : body,
      },
    );
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      json,
    };
  }

  const putPolicy = (name: string, policy: unknown) =>
    admin(
      'PUT',
      'add-canned-policy',
      { name },
      { body: JSON.stringify(policy) },
    );

  const putUser = (
    accessKey: string,
    request: Record<string, unknown>,
    password = root.secretKey,
  ) =>
    admin(
      'PUT',
      'add-user',
      { accessKey },
      {
        body: madminEncrypt(password, Buffer.from(JSON.stringify(request))),
      },
    );

  describe('canned policies', () => {
    it('adds, reads, replaces and removes a canned policy', async () => {
      const first = bucketPolicy('semantic-search-index');
      expect(await putPolicy('p-search', first)).toMatchObject({
        status: 200,
        text: '',
      });
      const info = await admin('GET', 'info-canned-policy', {
        name: 'p-search',
        v: '2',
      });
      expect(info.status).toBe(200);
      expect(info.contentType).toBe('application/json');
      expect(info.json).toEqual({
        PolicyName: 'p-search',
        Policy: first,
        CreateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        UpdateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });

      const second = bucketPolicy('meeting-recordings');
      expect((await putPolicy('p-search', second)).status).toBe(200);
      const replaced = await admin('GET', 'info-canned-policy', {
        name: 'p-search',
        v: '2',
      });
      expect(replaced.json.Policy).toEqual(second);
      expect(replaced.json.CreateDate).toBe(info.json.CreateDate);

      expect(
        (await admin('DELETE', 'remove-canned-policy', { name: 'p-search' }))
          .status,
      ).toBe(200);
      const gone = await admin('GET', 'info-canned-policy', {
        name: 'p-search',
        v: '2',
      });
      expect(gone.status).toBe(404);
      expect(gone.contentType).toBe('application/json');
      expect(gone.json).toEqual({
        Code: 'XMinioAdminNoSuchPolicy',
        Message: 'The canned policy does not exist.',
        Resource: '/minio/admin/v3/info-canned-policy',
        RequestId: expect.stringMatching(/^[0-9A-F]{16}$/),
        HostId: '',
      });
      const again = await admin('DELETE', 'remove-canned-policy', {
        name: 'p-search',
      });
      expect(again.status).toBe(404);
      expect(again.json.Code).toBe('XMinioAdminNoSuchPolicy');
    });

    it('refuses a malformed policy and a bad name with 400', async () => {
      const malformed = await admin(
        'PUT',
        'add-canned-policy',
        { name: 'bad' },
        { body: '{"Statement":' },
      );
      expect(malformed.status).toBe(400);
      expect(malformed.json.Code).toBe('MalformedPolicy');
      const badName = await putPolicy('a,b', bucketPolicy('x'));
      expect(badName.status).toBe(400);
      expect(badName.json.Code).toBe('InvalidArgument');
    });
  });

  describe('users', () => {
    beforeAll(async () => {
      await putPolicy('p-recordings', bucketPolicy('meeting-recordings'));
      await putPolicy('p-index', bucketPolicy('semantic-search-index'));
    });

    it('adds a user with policies, reads it without its secret, updates and removes it', async () => {
      const added = await putUser('svc-recorder', {
        secretKey: 'recorder-secret-1',
        policy: 'p-recordings',
        status: 'enabled',
      });
      expect(added).toMatchObject({ status: 200, text: '' });
      const info = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(info.status).toBe(200);
      expect(info.json).toEqual({
        policyName: 'p-recordings',
        status: 'enabled',
        memberOf: null,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(info.text).not.toContain('recorder-secret-1');

      await putUser('svc-recorder', {
        secretKey: 'recorder-secret-2',
        policy: 'p-recordings,p-index',
        status: 'enabled',
      });
      const updated = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(updated.json.policyName).toBe('p-recordings,p-index');

      expect(
        (await admin('DELETE', 'remove-user', { accessKey: 'svc-recorder' }))
          .status,
      ).toBe(200);
      const gone = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(gone.status).toBe(404);
      expect(gone.json).toMatchObject({
        Code: 'XMinioAdminNoSuchUser',
        Message: 'The specified user does not exist.',
        Resource: '/minio/admin/v3/user-info',
      });
      const again = await admin('DELETE', 'remove-user', {
        accessKey: 'svc-recorder',
      });
      expect(again.status).toBe(404);
      expect(again.json.Code).toBe('XMinioAdminNoSuchUser');
    });

    it.each([
      ['ab', 'XMinioAdminInvalidAccessKey'],
      ['a'.repeat(21), 'XMinioAdminInvalidAccessKey'],
      ['has=equals', 'XMinioAdminInvalidAccessKey'],
      ['has,comma', 'XMinioAdminInvalidAccessKey'],
    ])('refuses the access key %j with 400 %s', async (accessKey, code) => {
      const answer = await putUser(accessKey, {
        secretKey: 'long-enough-secret',
        status: 'enabled',
      });
      expect(answer.status).toBe(400);
      expect(answer.json.Code).toBe(code);
    });

    it.each(['short', 'x'.repeat(41)])(
      'refuses the secret key %j with 400 XMinioAdminInvalidSecretKey',
      async secretKey => {
        const answer = await putUser('svc-keys', {
          secretKey,
          status: 'enabled',
        });
        expect(answer.status).toBe(400);
        expect(answer.json.Code).toBe('XMinioAdminInvalidSecretKey');
        expect(answer.text).not.toContain(secretKey);
      },
    );

    it('accepts keys at the length limits', async () => {
      expect(
        (await putUser('abc', { secretKey: '12345678', status: 'enabled' }))
          .status,
      ).toBe(200);
      expect(
        (
          await putUser('a'.repeat(20), {
            secretKey: 'y'.repeat(40),
            status: 'enabled',
          })
        ).status,
      ).toBe(200);
    });

    it('refuses a policy that does not exist with 404 XMinioAdminNoSuchPolicy', async () => {
      const answer = await putUser('svc-nopolicy', {
        secretKey: 'long-enough-secret',
        policy: 'p-recordings,p-missing',
        status: 'enabled',
      });
      expect(answer.status).toBe(404);
      expect(answer.json.Code).toBe('XMinioAdminNoSuchPolicy');
      expect(
        (await admin('GET', 'user-info', { accessKey: 'svc-nopolicy' })).status,
      ).toBe(404);
    });

    it('answers 400 XMinioAdminConfigBadJSON to a body that does not decrypt', async () => {
      const request = Buffer.from(
        JSON.stringify({ secretKey: 'long-enough-secret', status: 'enabled' }),
      );
      const cases = [
        madminEncrypt('another-password', request),
        madminEncrypt(root.secretKey, request, { id: 0x00 }),
        Buffer.from(JSON.stringify({ secretKey: 'long-enough-secret' })),
        madminEncrypt(root.secretKey, Buffer.from('not json')),
        Buffer.alloc(0),
      ];
      const tampered = madminEncrypt(root.secretKey, request);
      tampered[tampered.length - 1] ^= 1;
      cases.push(tampered);
      for (const body of cases) {
        const answer = await admin(
          'PUT',
          'add-user',
          { accessKey: 'svc-badbody' },
          { body },
        );
        expect(answer.status).toBe(400);
        expect(answer.json.Code).toBe('XMinioAdminConfigBadJSON');
      }
    });

    it('decrypts a body of several sio fragments', async () => {
      const request = {
        secretKey: 'long-enough-secret',
        policy: 'p-index',
        status: 'enabled',
        padding: 'z'.repeat(40000),
      };
      expect((await putUser('svc-large', request)).status).toBe(200);
      const info = await admin('GET', 'user-info', { accessKey: 'svc-large' });
      expect(info.json.policyName).toBe('p-index');
    });

    it('refuses to make a user of the root access key', async () => {
      const answer = await putUser(root.accessKey, {
        secretKey: 'long-enough-secret',
        status: 'enabled',
      });
      expect(answer.status).toBe(403);
      expect(answer.json.Code).toBe('XMinioInvalidIAMCredentials');
    });
  });

  describe('authentication', () => {
    it('answers signature failures as admin JSON', async () => {
      const wrongSecret = await admin(
        'GET',
        'user-info',
        { accessKey: 'x' },
        { signWith: 'not-the-secret-key' },
      );
      expect(wrongSecret.status).toBe(403);
      expect(wrongSecret.contentType).toBe('application/json');
      expect(wrongSecret.json.Code).toBe('SignatureDoesNotMatch');
      expect(wrongSecret.text).not.toContain('not-the-secret-key');

      const unknownKey = await admin(
        'GET',
        'user-info',
        { accessKey: 'x' },
        { as: { accessKey: 'nobody', secretKey: 'whatever-secret' } },
      );
      expect(unknownKey.status).toBe(403);
      expect(unknownKey.json.Code).toBe('InvalidAccessKeyId');

      const unsigned = await fetch(
        `${server.url}/minio/admin/v3/user-info?accessKey=x`,
      );
      expect(unsigned.status).toBe(403);
      expect((await unsigned.json()).Code).toBe('AccessDenied');
    });

    it('refuses every admin API to a user, even one whose policies allow everything', async () => {
      await putPolicy('p-all', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['*'], Resource: ['arn:aws:s3:::*'] },
        ],
      });
      await putUser('svc-admin', {
        secretKey: 'svc-admin-secret',
        policy: 'p-all',
        status: 'enabled',
      });
      const as = { accessKey: 'svc-admin', secretKey: 'svc-admin-secret' };
      for (const [method, api, query] of [
        ['GET', 'user-info', { accessKey: 'svc-admin' }],
        ['PUT', 'add-canned-policy', { name: 'p-mine' }],
        ['DELETE', 'remove-user', { accessKey: 'svc-admin' }],
      ] as const) {
        const answer = await admin(method, api, query, { as });
        expect(answer.status).toBe(403);
        expect(answer.json.Code).toBe('AccessDenied');
      }
    });

    it('answers an unknown admin API and a wrong method', async () => {
      expect((await admin('GET', 'list-users', {})).json.Code).toBe(
        'NotImplemented',
      );
      const wrongMethod = await admin('GET', 'add-user', { accessKey: 'abc' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.json.Code).toBe('MethodNotAllowed');
    });
  });

  describe('S3 requests of a user', () => {
    const bucket = 'semantic-search-index';
    let user: S3Client;

    beforeAll(async () => {
      await putPolicy('p-user-s3', bucketPolicy(bucket));
      await putUser('svc-search', {
        secretKey: 'svc-search-secret',
        policy: 'p-user-s3',
        status: 'enabled',
      });
      user = clientFor('svc-search', 'svc-search-secret');
    });

    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (e: any) => `${e.name} ${e.$metadata?.httpStatusCode}`,
      );

    it('allows what its policies allow', async () => {
      await user.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'a/b.txt', Body: 'hi' }),
      );
      const object = await user.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'a/b.txt' }),
      );
      expect(await object.Body?.transformToString()).toBe('hi');
      const listed = await user.send(
        new ListObjectsV2Command({ Bucket: bucket }),
      );
      expect(listed.Contents?.map(c => c.Key)).toContain('a/b.txt');
      await user.send(new HeadBucketCommand({ Bucket: bucket }));
    });

    it('answers AccessDenied to anything else', async () => {
      expect(
        await failure(
          user.send(
            new GetObjectCommand({ Bucket: 'meeting-recordings', Key: 'x' }),
          ),
        ),
      ).toBe('AccessDenied 403');
      expect(
        await failure(
          user.send(
            new PutObjectCommand({
              Bucket: FOREIGN_BUCKET_NAME,
              Key: 'x',
              Body: 'x',
            }),
          ),
        ),
      ).toBe('AccessDenied 403');
      expect(
        await failure(
          user.send(new CreateBucketCommand({ Bucket: 'new-one' })),
        ),
      ).toBe('AccessDenied 403');
      expect(
        await failure(
          user.send(new GetBucketVersioningCommand({ Bucket: bucket })),
        ),
      ).toBe('AccessDenied 403');
      // authorisation comes before the bucket lookup: 403 (the SDK names a HEAD error Unknown), not 404
      expect(
        await failure(
          user.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })),
        ),
      ).toBe('Unknown 403');
    });

    it('lists only the buckets it may list', async () => {
      const { Buckets } = await user.send(new ListBucketsCommand({}));
      expect(Buckets?.map(b => b.Name)).toEqual([bucket]);
    });

    it('keeps the root credentials’ full access', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'root-made' }));
      const { Buckets } = await s3.send(new ListBucketsCommand({}));
      expect(Buckets?.map(b => b.Name)).toContain('root-made');
    });

    it('follows its policies as they change, and stops when it is removed', async () => {
      await putPolicy('p-user-s3', bucketPolicy('meeting-recordings'));
      expect(
        await failure(
          user.send(new GetObjectCommand({ Bucket: bucket, Key: 'a/b.txt' })),
        ),
      ).toBe('AccessDenied 403');
      await admin('DELETE', 'remove-user', { accessKey: 'svc-search' });
      expect(
        await failure(user.send(new ListObjectsV2Command({ Bucket: bucket }))),
      ).toBe('InvalidAccessKeyId 403');
    });

    it('refuses a disabled user as an unknown access key', async () => {
      await putUser('svc-disabled', {
        secretKey: 'svc-disabled-secret',
        policy: 'p-user-s3',
        status: 'disabled',
      });
      const disabled = clientFor('svc-disabled', 'svc-disabled-secret');
      expect(
        await failure(
          disabled.send(
            new ListObjectsV2Command({ Bucket: 'meeting-recordings' }),
          ),
        ),
      ).toBe('InvalidAccessKeyId 403');
    });
  });
});
