import { createHash } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ObjectStorageAccess } from '../../config';
import {
  ContractFixture,
  FixtureAnswer,
  loadContractFixtures,
  requestMismatch,
} from '../../testing/contractFixtures';
import { describeStandInContract } from '../../testing/contractSuite';
import { expectUpstreamFailure } from '../../testing/expectUpstreamFailure';
import { TestServer, startTestServer } from '../../testing/testServer';
import { bucketAccessPolicy } from '../bucketAccess';
import { BucketPolicy } from '../types';
import { startTestS3 } from '../__testUtils__/startTestS3';
import { MinioAdminClient } from './MinioAdminClient';
import {
  MADMIN_ARGON2ID_AES_GCM,
  decryptMadminData,
  encryptMadminData,
} from './madminEncryption';

/*
 * MinIO's admin API (minio/minio RELEASE.2025-10-15T17-29-55Z, minio/madmin-go v3.0.109) as
 * request/response fixtures: the client must send each fixture's request and read its answer, and
 * the sandbox's stand-in must answer each request like the fixture. madmin encrypts the `add-user`
 * request and the `list-users` answer with the root secret key; the fixtures hold their plaintext,
 * which these tests encrypt and decrypt (the fixture server answers `list-users` with Argon2id, as
 * MinIO does outside FIPS mode).
 */

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));
const ENCRYPTED_REQUEST_PATHS = new Set(['/minio/admin/v3/add-user']);
const ENCRYPTED_ANSWER_PATHS = new Set(['/minio/admin/v3/list-users']);

const ROOT_SECRET = 'contract-root-secret-key';
const accessKey = fixtures['add-user'].request.query!.accessKey as string;
const secretKey = (fixtures['add-user'].request.body as { secretKey: string })
  .secretKey;
const policyName = fixtures['add-canned-policy'].request.query!.name as string;
const policy = fixtures['add-canned-policy'].request.body as BucketPolicy;

/** Fields of an error answer whose values differ per request and per node. */
const GENERATED_ERROR_FIELDS = {
  RequestId: expect.stringMatching(/^[0-9A-F]{16}$/),
  HostId: expect.stringMatching(/^[0-9a-f]{64}$/),
};

/**
 * What a stand-in's answer must share with the fixture's beyond its shape: no body where MinIO
 * sends none, and an error's code, message and resource in MinIO's own words.
 */
function bodyPresenceAndErrorWords(answer: {
  status: number;
  body?: unknown;
}): unknown {
  const body = answer.body as Record<string, unknown> | undefined;
  return {
    hasBody: body !== undefined,
    error:
      answer.status >= 400
        ? { Code: body?.Code, Message: body?.Message, Resource: body?.Resource }
        : undefined,
  };
}

/** The fixture server's record of one request: the fixture it matched, and its plaintext body. */
interface ServedRequest {
  fixture: string;
  body: unknown;
}

/**
 * Serves the fixtures as MinIO would, decrypting request bodies and encrypting answers where madmin
 * does; a request no fixture matches gets 599 and is listed in `mismatches`.
 */
async function serveAdminFixtures(): Promise<
  TestServer & { served: ServedRequest[]; mismatches: string[] }
> {
  const served: ServedRequest[] = [];
  const mismatches: string[] = [];
  const handle = async (req: http.IncomingMessage, raw: Buffer) => {
    const path = new URL(req.url!, 'http://fixture').pathname;
    let body: unknown;
    if (raw.length > 0) {
      const plaintext = ENCRYPTED_REQUEST_PATHS.has(path)
        ? await decryptMadminData(ROOT_SECRET, raw)
        : raw;
      body = JSON.parse(plaintext.toString('utf8'));
    }
    const reasons: string[] = [];
    const match = Object.entries(fixtures).find(([name, fixture]) => {
      const reason = requestMismatch(fixture, {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
      });
      if (reason) reasons.push(`${name}: ${reason}`);
      return !reason;
    });
    if (!match) {
      mismatches.push(`${req.method} ${req.url}: ${reasons.join(' | ')}`);
      return { status: 599, body: Buffer.alloc(0) };
    }
    const [name, fixture] = match;
    served.push({ fixture: name, body });
    const answer = fixture.response.body;
    if (answer === undefined) {
      return { status: fixture.response.status, body: Buffer.alloc(0) };
    }
    const json = Buffer.from(JSON.stringify(answer), 'utf8');
    return {
      status: fixture.response.status,
      body: ENCRYPTED_ANSWER_PATHS.has(path)
        ? await encryptMadminData(ROOT_SECRET, json, MADMIN_ARGON2ID_AES_GCM)
        : json,
    };
  };
  const server = await startTestServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks)).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(body);
        },
        error => {
          mismatches.push(`${req.method} ${req.url}: ${error}`);
          res.writeHead(599).end();
        },
      );
    });
  });
  return Object.assign(server, { served, mismatches });
}

/** A client of the fixture server at `url`, as its root user with `secretAccessKey`. */
function rootClientOf(url: string, secretAccessKey: string): MinioAdminClient {
  return new MinioAdminClient({
    environment: 'dev',
    access: {
      endpoint: url,
      region: 'us-east-1',
      accessKeyId: 'contract-root',
      secretAccessKey,
      forcePathStyle: true,
      timeoutMs: 10_000,
    },
  });
}

/** What the client is asked to do for each fixture, and what it must make of the answer. */
const CLIENT_CALLS: Record<
  string,
  (client: MinioAdminClient) => Promise<void>
> = {
  'add-canned-policy': async client => {
    await client.putCannedPolicy(
      policyName,
      bucketAccessPolicy('semantic-search-index'),
    );
  },
  'info-canned-policy': async client => {
    expect(await client.getCannedPolicy(policyName)).toEqual(
      (fixtures['info-canned-policy'].response.body as { Policy: unknown })
        .Policy,
    );
  },
  'remove-canned-policy': async client => {
    await client.removeCannedPolicy(policyName);
  },
  'add-user': async client => {
    await client.putUser(accessKey, { secretKey, policies: [policyName] });
  },
  'set-user-policy': async client => {
    await client.putUser(accessKey, { secretKey, policies: [policyName] });
  },
  'user-info': async client => {
    expect(await client.getUser(accessKey)).toEqual({
      status: 'enabled',
      policies: [policyName],
    });
  },
  'list-users': async client => {
    expect(await client.listUsers()).toEqual({
      [accessKey]: { status: 'enabled', policies: [policyName] },
    });
  },
  'remove-user': async client => {
    await client.removeUser(accessKey);
  },
  'error-no-such-user': async client => {
    const missing = fixtures['error-no-such-user'].request.query!
      .accessKey as string;
    expect(await client.getUser(missing)).toBeUndefined();
  },
  'error-no-such-policy': async client => {
    const missing = fixtures['error-no-such-policy'].request.query!
      .policyName as string;
    const error = await expectUpstreamFailure(
      client.putUser(accessKey, { secretKey, policies: [missing] }),
    );
    expect(error).toMatchObject({
      upstream: 'objectStorage',
      operation: `put user ${accessKey}`,
      reason: 'NotFound',
      status: 404,
    });
    expect(error.message).toContain(
      'XMinioAdminNoSuchPolicy: The canned policy does not exist. (Specified canned policy does not exist)',
    );
    expect(error.message).not.toContain(secretKey);
  },
};

/** What the sandbox must hold before each fixture's request (it starts each test empty). */
const SANDBOX_SETUP: Record<
  string,
  (admin: MinioAdminClient) => Promise<void>
> = {
  'add-canned-policy': async () => {},
  'info-canned-policy': admin => admin.putCannedPolicy(policyName, policy),
  'remove-canned-policy': admin => admin.putCannedPolicy(policyName, policy),
  'add-user': async () => {},
  'set-user-policy': async admin => {
    await admin.putCannedPolicy(policyName, policy);
    await admin.putUser(accessKey, { secretKey, policies: [] });
  },
  'user-info': async admin => {
    await admin.putCannedPolicy(policyName, policy);
    await admin.putUser(accessKey, { secretKey, policies: [policyName] });
  },
  'list-users': async admin => {
    await admin.putCannedPolicy(policyName, policy);
    await admin.putUser(accessKey, { secretKey, policies: [policyName] });
  },
  'remove-user': admin => admin.putUser(accessKey, { secretKey, policies: [] }),
  'error-no-such-user': async () => {},
  'error-no-such-policy': admin =>
    admin.putUser(accessKey, { secretKey, policies: [] }),
};

describe('MinIO admin API contract', () => {
  it('has a client call and a sandbox set-up for every fixture', () => {
    expect(Object.keys(CLIENT_CALLS).sort()).toEqual(
      Object.keys(fixtures).sort(),
    );
    expect(Object.keys(SANDBOX_SETUP).sort()).toEqual(
      Object.keys(fixtures).sort(),
    );
  });

  describe('the client against the fixtures', () => {
    let server: Awaited<ReturnType<typeof serveAdminFixtures>>;
    let client: MinioAdminClient;

    beforeAll(async () => {
      server = await serveAdminFixtures();
      client = rootClientOf(server.url, ROOT_SECRET);
    });
    afterAll(() => server.close());
    beforeEach(() => {
      server.served.length = 0;
      server.mismatches.length = 0;
    });

    it.each(Object.keys(fixtures))(
      'sends the request of %s and reads its answer',
      async name => {
        await CLIENT_CALLS[name](client);
        expect(server.mismatches).toEqual([]);
        const served = server.served.find(s => s.fixture === name);
        expect(served).toBeDefined();
        // the body itself, beyond its shape (decrypted for add-user)
        expect(served!.body).toEqual(fixtures[name].request.body);
      },
    );

    it('refuses an answer that does not decrypt under its secret key', async () => {
      const other = rootClientOf(server.url, 'another-root-secret');
      expect(await expectUpstreamFailure(other.listUsers())).toMatchObject({
        operation: 'list users',
        reason: 'Malformed',
        status: 200,
      });
    }, 20_000);
  });

  let access: ObjectStorageAccess;
  let admin: MinioAdminClient;
  describeStandInContract(
    'the sandbox stand-in answering the fixtures',
    fixtures,
    {
      start: async () => {
        const started = await startTestS3({
          components: [],
          teams: [
            {
              name: 'search-team',
              namespace: 'team-search',
              services: [
                {
                  name: 'semantic-search',
                  buckets: [
                    { name: 'semantic-search-index', versioning: true },
                  ],
                },
              ],
            },
          ],
        });
        access = started.access;
        admin = new MinioAdminClient({ environment: 'dev', access });
        return started.server;
      },
      testName: name => `answers the request of ${name}`,
      // from an empty IAM state to what the request needs
      prepare: async name => {
        for (const user of Object.keys(await admin.listUsers())) {
          await admin.removeUser(user);
        }
        await admin.removeCannedPolicy(policyName);
        await SANDBOX_SETUP[name](admin);
      },
      send: (_sandbox, fixture) => sendSignedFixtureRequest(access, fixture),
      pinned: bodyPresenceAndErrorWords,
      alsoExpect: (answer, fixture) => {
        if (fixture.response.status >= 400) {
          expect(answer.body).toMatchObject(GENERATED_ERROR_FIELDS);
        }
      },
    },
  );
});

/**
 * Sends a fixture's request to the sandbox signed as the client signs (SigV4, service `s3`, the
 * root credentials), with its body encrypted where madmin encrypts it, and reads the answer
 * (decrypted likewise).
 */
async function sendSignedFixtureRequest(
  access: ObjectStorageAccess,
  fixture: ContractFixture,
): Promise<FixtureAnswer> {
  const endpoint = new URL(access.endpoint);
  const { method, path, query = {}, body } = fixture.request;
  const flatQuery = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  );
  let payload: Buffer = Buffer.alloc(0);
  if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    if (ENCRYPTED_REQUEST_PATHS.has(path)) {
      payload = await encryptMadminData(access.secretAccessKey, payload);
    }
  }
  const signer = new SignatureV4({
    service: 's3',
    region: access.region,
    credentials: {
      accessKeyId: access.accessKeyId,
      secretAccessKey: access.secretAccessKey,
    },
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method,
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: Number(endpoint.port),
    path,
    query: flatQuery,
    headers: {
      host: endpoint.host,
      'x-amz-content-sha256': createHash('sha256')
        .update(payload)
        .digest('hex'),
    },
  });
  const url = new URL(`${endpoint.origin}${path}`);
  for (const [key, value] of Object.entries(flatQuery)) {
    url.searchParams.set(key, value);
  }
  const response = await fetch(url, {
    method,
    headers: Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => name !== 'host'),
    ),
    body: body === undefined ? undefined : payload,
  });
  let raw: Buffer = Buffer.from(await response.arrayBuffer());
  if (response.ok && ENCRYPTED_ANSWER_PATHS.has(path)) {
    raw = await decryptMadminData(access.secretAccessKey, raw);
  }
  const text = raw.toString('utf8');
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}
