import { createHash } from 'node:crypto';
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
import {
  decryptMadminData,
  encryptMadminData,
  MADMIN_PBKDF2_AES_GCM,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { loadSeed } from '../../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../../types';
import { FOREIGN_BUCKET_NAME, startS3Server } from '..';
import { bucketPolicy } from './__testUtils__/bucketPolicy';

const { s3AccessKeyId, s3SecretAccessKey } = DEFAULT_SANDBOX_CREDENTIALS;
const root = { accessKey: s3AccessKeyId, secretKey: s3SecretAccessKey };

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
    const raw = Buffer.from(await response.arrayBuffer());
    const text = raw.toString('utf8');
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      raw,
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

  const putUser = async (
    accessKey: string,
    request: Record<string, unknown>,
    password = root.secretKey,
  ) =>
    admin(
      'PUT',
      'add-user',
      { accessKey },
      {
        body: await encryptMadminData(
          password,
          Buffer.from(JSON.stringify(request)),
        ),
      },
    );

  const setPolicy = (accessKey: string, policyName: string) =>
    admin('PUT', 'set-user-or-group-policy', {
      policyName,
      userOrGroup: accessKey,
      isGroup: 'false',
    });

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
        Message:
          'The canned policy does not exist. (Specified canned policy does not exist)',
        Resource: '/minio/admin/v3/info-canned-policy',
        RequestId: expect.stringMatching(/^[0-9A-F]{16}$/),
        HostId: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      // MinIO ignores a policy that is not there
      const again = await admin('DELETE', 'remove-canned-policy', {
        name: 'p-search',
      });
      expect(again).toMatchObject({ status: 200, text: '' });
    });

    it('refuses to remove a policy a user has attached', async () => {
      await putPolicy('p-held', bucketPolicy('meeting-recordings'));
      await putUser('svc-holder', {
        secretKey: 'holder-secret-1',
        status: 'enabled',
      });
      expect((await setPolicy('svc-holder', 'p-held')).status).toBe(200);
      const refused = await admin('DELETE', 'remove-canned-policy', {
        name: 'p-held',
      });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        Code: 'XMinioIAMPolicyInUse',
        Message: 'The policy cannot be removed, as it is in use',
      });
      await admin('DELETE', 'remove-user', { accessKey: 'svc-holder' });
      expect(
        (await admin('DELETE', 'remove-canned-policy', { name: 'p-held' }))
          .status,
      ).toBe(200);
    });

    it('refuses a malformed policy and a bad name with 400', async () => {
      const malformed = await admin(
        'PUT',
        'add-canned-policy',
        { name: 'bad' },
        { body: '{"Statement":' },
      );
      expect(malformed.status).toBe(400);
      expect(malformed.json.Code).toBe('XMinioMalformedIAMPolicy');
      const badName = await putPolicy('a,b', bucketPolicy('x'));
      expect(badName.status).toBe(400);
      expect(badName.json).toMatchObject({
        Code: 'PolicyInvalidName',
        Message: 'Policy name may not contain comma',
      });
      const spaced = await putPolicy(' p', bucketPolicy('x'));
      expect(spaced.status).toBe(400);
      expect(spaced.json.Code).toBe('XMinioInvalidResource');
    });
  });

  describe('users', () => {
    beforeAll(async () => {
      await putPolicy('p-recordings', bucketPolicy('meeting-recordings'));
      await putPolicy('p-index', bucketPolicy('semantic-search-index'));
    });

    it('adds a user, sets its policies, reads it without its secret, updates and removes it', async () => {
      const added = await putUser('svc-recorder', {
        secretKey: 'recorder-secret-1',
        policy: 'p-recordings', // ignored, as MinIO ignores it
        status: 'enabled',
      });
      expect(added).toMatchObject({ status: 200, text: '' });
      const bare = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(bare.json).toEqual({
        status: 'enabled',
        updatedAt: '0001-01-01T00:00:00Z',
      });

      expect(await setPolicy('svc-recorder', 'p-recordings')).toMatchObject({
        status: 200,
        text: '',
      });
      const info = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(info.status).toBe(200);
      expect(info.json).toEqual({
        policyName: 'p-recordings',
        status: 'enabled',
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(info.text).not.toContain('recorder-secret-1');

      await putUser('svc-recorder', {
        secretKey: 'recorder-secret-2',
        status: 'enabled',
      });
      const kept = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(kept.json.policyName).toBe('p-recordings');
      await setPolicy('svc-recorder', 'p-recordings,p-index');
      const updated = await admin('GET', 'user-info', {
        accessKey: 'svc-recorder',
      });
      expect(updated.json.policyName).toBe('p-recordings,p-index');

      const listed = await admin('GET', 'list-users', {});
      expect(listed.status).toBe(200);
      expect(listed.contentType).toBe('application/json');
      expect(listed.text).not.toContain('svc-recorder');
      expect(listed.raw[32]).toBe(MADMIN_PBKDF2_AES_GCM);
      const users = JSON.parse(
        (await decryptMadminData(root.secretKey, listed.raw)).toString('utf8'),
      );
      expect(users['svc-recorder']).toEqual(updated.json);
      expect(JSON.stringify(users)).not.toContain('recorder-secret');

      await setPolicy('svc-recorder', '');
      expect(
        (await admin('GET', 'user-info', { accessKey: 'svc-recorder' })).json,
      ).toEqual({ status: 'enabled', updatedAt: '0001-01-01T00:00:00Z' });

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
        Message:
          'The specified user does not exist. (Specified user does not exist)',
        Resource: '/minio/admin/v3/user-info',
      });
      const again = await admin('DELETE', 'remove-user', {
        accessKey: 'svc-recorder',
      });
      expect(again.status).toBe(404);
      expect(again.json.Code).toBe('XMinioAdminNoSuchUser');
    });

    it.each([
      ['ab', 'access key length should be between 3 and 20'],
      [
        'has=equals',
        "access key contains one of reserved characters '=' or ','",
      ],
      [
        'has,comma',
        "access key contains one of reserved characters '=' or ','",
      ],
    ])(
      'refuses the access key %j with 400 XMinioAdminInvalidAccessKey',
      async (accessKey, cause) => {
        const answer = await putUser(accessKey, {
          secretKey: 'long-enough-secret',
          status: 'enabled',
        });
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({
          Code: 'XMinioAdminInvalidAccessKey',
          Message: `The access key is invalid. (${cause})`,
        });
      },
    );

    it('refuses a secret key under 8 bytes with 400 XMinioAdminInvalidSecretKey', async () => {
      const answer = await putUser('svc-keys', {
        secretKey: 'short',
        status: 'enabled',
      });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        Code: 'XMinioAdminInvalidSecretKey',
        Message:
          'The secret key is invalid. (secret key length should be between 8 and 40)',
      });
      expect(answer.text).not.toContain('"short"');
    });

    it('accepts keys at the lower limits, and longer ones (MinIO checks no maximum)', async () => {
      expect(
        (await putUser('abc', { secretKey: '12345678', status: 'enabled' }))
          .status,
      ).toBe(200);
      expect(
        (
          await putUser('a'.repeat(21), {
            secretKey: 'y'.repeat(41),
            status: 'enabled',
          })
        ).status,
      ).toBe(200);
    });

    it('disables a user whose status is not "enabled"', async () => {
      await putUser('svc-nostatus', { secretKey: 'long-enough-secret' });
      expect(
        (await admin('GET', 'user-info', { accessKey: 'svc-nostatus' })).json
          .status,
      ).toBe('disabled');
    });

    it('sets policies only that exist, for users that exist, never for root or a group', async () => {
      await putUser('svc-nopolicy', {
        secretKey: 'long-enough-secret',
        status: 'enabled',
      });
      const missing = await setPolicy('svc-nopolicy', 'p-recordings,p-missing');
      expect(missing.status).toBe(404);
      expect(missing.json.Code).toBe('XMinioAdminNoSuchPolicy');
      expect(
        (await admin('GET', 'user-info', { accessKey: 'svc-nopolicy' })).json
          .policyName,
      ).toBeUndefined();

      const noUser = await setPolicy('svc-never', 'p-recordings');
      expect(noUser.status).toBe(404);
      expect(noUser.json.Code).toBe('XMinioAdminNoSuchUser');
      const rootUser = await setPolicy(root.accessKey, 'p-recordings');
      expect(rootUser.status).toBe(403);
      expect(rootUser.json.Code).toBe('XMinioIAMActionNotAllowed');
      const group = await admin('PUT', 'set-user-or-group-policy', {
        policyName: 'p-recordings',
        userOrGroup: 'g',
        isGroup: 'true',
      });
      expect(group.status).toBe(404);
      expect(group.json.Code).toBe('XMinioAdminNoSuchGroup');
    });

    it('answers 400 XMinioAdminConfigBadJSON to a body that does not decrypt', async () => {
      const request = Buffer.from(
        JSON.stringify({ secretKey: 'long-enough-secret', status: 'enabled' }),
      );
      const unknownAlgorithm = await encryptMadminData(root.secretKey, request);
      unknownAlgorithm[32] = 0x03;
      const tampered = await encryptMadminData(root.secretKey, request);
      tampered[tampered.length - 1] ^= 1;
      const cases = [
        await encryptMadminData('another-password', request),
        unknownAlgorithm,
        Buffer.from(JSON.stringify({ secretKey: 'long-enough-secret' })),
        await encryptMadminData(root.secretKey, Buffer.from('not json')),
        Buffer.alloc(0),
        tampered,
      ];
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
        secretKey: 'long-enough-secret-'.padEnd(40000, 'z'),
        status: 'enabled',
      };
      expect((await putUser('svc-large', request)).status).toBe(200);
      const info = await admin('GET', 'user-info', { accessKey: 'svc-large' });
      expect(info.json.status).toBe('enabled');
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

    it('refuses a user the admin APIs its policies do not allow, and allows those they do', async () => {
      await putPolicy('p-s3-only', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] },
        ],
      });
      await putUser('svc-s3', {
        secretKey: 'svc-s3-secret',
        status: 'enabled',
      });
      await setPolicy('svc-s3', 'p-s3-only');
      const asS3 = { accessKey: 'svc-s3', secretKey: 'svc-s3-secret' };
      for (const [method, api, query] of [
        ['GET', 'user-info', { accessKey: 'someone-else' }],
        ['PUT', 'add-canned-policy', { name: 'p-mine' }],
        ['DELETE', 'remove-user', { accessKey: 'svc-s3' }],
      ] as const) {
        const answer = await admin(method, api, query, { as: asS3 });
        expect(answer.status).toBe(403);
        expect(answer.json.Code).toBe('AccessDenied');
      }
      // A user may always look itself up.
      const self = await admin(
        'GET',
        'user-info',
        { accessKey: 'svc-s3' },
        {
          as: asS3,
        },
      );
      expect(self.status).toBe(200);

      // An admin statement needs no Resource and is matched by action alone.
      await putPolicy('p-user-admin', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['admin:GetUser'] }],
      });
      await putUser('svc-admin', {
        secretKey: 'svc-admin-secret',
        status: 'enabled',
      });
      await setPolicy('svc-admin', 'p-user-admin');
      const asAdmin = { accessKey: 'svc-admin', secretKey: 'svc-admin-secret' };
      const other = await admin(
        'GET',
        'user-info',
        { accessKey: 'svc-s3' },
        {
          as: asAdmin,
        },
      );
      expect(other.status).toBe(200);
      const remove = await admin(
        'DELETE',
        'remove-user',
        { accessKey: 'svc-s3' },
        {
          as: asAdmin,
        },
      );
      expect(remove.status).toBe(403);
      expect(remove.json.Code).toBe('AccessDenied');

      // Only an explicit deny keeps a user from looking itself up.
      await putPolicy('p-deny-self', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['admin:GetUser'] }],
      });
      await setPolicy('svc-s3', 'p-deny-self');
      const deniedSelf = await admin(
        'GET',
        'user-info',
        { accessKey: 'svc-s3' },
        { as: asS3 },
      );
      expect(deniedSelf.status).toBe(403);
      expect(deniedSelf.json.Code).toBe('AccessDenied');
    });

    it('answers an unknown admin API and a wrong method', async () => {
      expect((await admin('GET', 'list-groups', {})).json.Code).toBe(
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
        status: 'enabled',
      });
      await setPolicy('svc-search', 'p-user-s3');
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
        status: 'disabled',
      });
      await setPolicy('svc-disabled', 'p-user-s3');
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
