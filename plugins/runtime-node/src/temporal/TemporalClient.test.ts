import {
  DEFAULT_SANDBOX_CREDENTIALS,
  startTemporalServer,
} from '@runtime-portal/runtime-sandbox';
import { TemporalAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { TemporalClient } from './TemporalClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { recordingFetch } from '../testing/recordingFetch';
import {
  SilentServer,
  startSilentServer,
  startTestServer,
} from '../testing/testServer';
import { resetMidBody, stallMidBody } from '../testing/faultyAnswers';

/** Services with Temporal workflows, as the sandbox seed describes them. */
const seed = {
  components: [],
  teams: [
    {
      name: 'search-team',
      namespace: 'team-search',
      services: [
        {
          name: 'semantic-search',
          workflows: [
            {
              engine: 'temporal' as const,
              name: 'semantic-search',
              retentionDays: 7,
            },
          ],
        },
      ],
    },
  ],
};

const credentials = {
  ...DEFAULT_SANDBOX_CREDENTIALS,
  kubernetesToken: 'unused',
  openbaoToken: 'unused',
  s3AccessKeyId: 'unused',
  s3SecretAccessKey: 'unused',
};

describe('TemporalClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: TemporalAccess;
  let client: TemporalClient;

  beforeAll(async () => {
    server = await startTemporalServer({ port: 0, seed, credentials });
    access = { httpUrl: server.url, timeoutMs: 10_000 };
    client = new TemporalClient({ environment: 'dev', access });
  });
  afterAll(() => server.close());

  it('describes a seeded namespace as a typed summary', async () => {
    expect(await client.describeNamespace('semantic-search')).toEqual({
      name: 'semantic-search',
      id: expect.any(String),
      state: 'Registered',
      description: 'Workflows of semantic-search',
      ownerEmail: undefined,
      retentionDays: 7,
      data: { owner: 'search-team', service: 'semantic-search' },
    });
  });

  it('answers undefined for a namespace that does not exist', async () => {
    expect(await client.describeNamespace('no-such-namespace')).toBeUndefined();
  });

  it('fails, rather than answering undefined, when the URL does not serve the HTTP API', async () => {
    const wrongUrl = new TemporalClient({
      environment: 'dev',
      access: { ...access, httpUrl: `${server.url}/not-temporal` },
    });
    expect(
      await expectUpstreamFailure(wrongUrl.describeNamespace('default')),
    ).toMatchObject({
      upstream: 'temporal',
      reason: 'NotFound',
      status: 404,
    });
  });

  describe('registerNamespace', () => {
    it('registers a namespace with retention, description, owner email and data', async () => {
      await client.registerNamespace({
        name: 'orders',
        retentionDays: 3,
        description: 'Order workflows',
        ownerEmail: 'orders@example.com',
        data: { owner: 'team-a', service: 'orders' },
      });
      expect(await client.describeNamespace('orders')).toMatchObject({
        name: 'orders',
        state: 'Registered',
        retentionDays: 3,
        description: 'Order workflows',
        ownerEmail: 'orders@example.com',
        data: { owner: 'team-a', service: 'orders' },
      });
    });

    it('fails with AlreadyExists for a name already registered', async () => {
      const error = await expectUpstreamFailure(
        client.registerNamespace({ name: 'semantic-search', retentionDays: 7 }),
      );
      expect(error).toBeInstanceOf(RuntimeUpstreamError);
      expect(error).toMatchObject({
        upstream: 'temporal',
        reason: 'AlreadyExists',
        status: 409,
      });
      expect(error.message).toBe(
        'temporal [dev] register namespace semantic-search failed, AlreadyExists (HTTP 409): Namespace "semantic-search" already exists',
      );
    });

    it('fails with Invalid when the server refuses the retention', async () => {
      const error = await expectUpstreamFailure(
        client.registerNamespace({ name: 'too-short', retentionDays: 0.01 }),
      );
      expect(error).toMatchObject({
        reason: 'Invalid',
        status: 400,
        detail: 'A valid retention period is not set on request.',
      });
    });

    it('refuses a retention that is not a positive number without calling the server', async () => {
      const error = await expectUpstreamFailure(
        client.registerNamespace({ name: 'zero', retentionDays: 0 }),
      );
      expect(error).toMatchObject({
        upstream: 'temporal',
        reason: 'Invalid',
        status: undefined,
      });
    });
  });

  describe('ensureNamespace', () => {
    const request = {
      name: 'payments',
      retentionDays: 14,
      data: { owner: 'team-b', service: 'payments' },
    };

    it('creates a namespace, then accepts the same one as existing', async () => {
      expect(await client.ensureNamespace(request)).toBe('created');
      expect(await client.ensureNamespace(request)).toBe('exists');
    });

    it('fails with Conflict when the existing namespace has other retention or data', async () => {
      const error = await expectUpstreamFailure(
        client.ensureNamespace({
          ...request,
          retentionDays: 30,
          data: { owner: 'team-c' },
        }),
      );
      expect(error).toMatchObject({ upstream: 'temporal', reason: 'Conflict' });
      expect(error.detail).toBe(
        'namespace exists with other settings: retention is 14 days, data owner is "team-b"',
      );
    });
  });

  describe('markNamespaceDeleted', () => {
    const request = {
      name: 'retired',
      retentionDays: 3,
      data: { owner: 'team-b', service: 'retired' },
    };

    it('marks the namespace deleted: described as Deleted, no longer listed, its name still taken', async () => {
      await client.registerNamespace(request);
      await client.markNamespaceDeleted('retired');
      expect(await client.describeNamespace('retired')).toMatchObject({
        name: 'retired',
        state: 'Deleted',
        data: request.data,
      });
      const listed = await client.listNamespaces();
      expect(listed.map(namespace => namespace.name)).not.toContain('retired');
      // The same state again is no change, as Temporal's validateStateUpdate has it.
      await client.markNamespaceDeleted('retired');
      expect(await client.describeNamespace('retired')).toMatchObject({
        state: 'Deleted',
      });
      const reused = await expectUpstreamFailure(
        client.ensureNamespace(request),
      );
      expect(reused.detail).toBe(
        'namespace exists with other settings: it is deleted',
      );
    });

    it('fails with NotFound for a namespace that does not exist', async () => {
      const error = await expectUpstreamFailure(
        client.markNamespaceDeleted('never-registered'),
      );
      expect(error).toMatchObject({
        reason: 'NotFound',
        status: 404,
        operation: 'delete namespace never-registered',
      });
    });
  });

  describe('updateNamespace with data', () => {
    it('merges the keys sent into the data, keeping the others and the description', async () => {
      await client.registerNamespace({
        name: 'expiring',
        retentionDays: 2,
        description: 'kept',
        data: { owner: 'team-b', service: 'expiring' },
      });
      await client.updateNamespace('expiring', {
        data: { 'expires-at': '2027-01-01T00:00:00Z' },
      });
      expect(await client.describeNamespace('expiring')).toMatchObject({
        description: 'kept',
        retentionDays: 2,
        data: {
          owner: 'team-b',
          service: 'expiring',
          'expires-at': '2027-01-01T00:00:00Z',
        },
      });
      await client.updateNamespace('expiring', {
        description: 'changed',
        data: { 'expires-at': '' },
      });
      expect(await client.describeNamespace('expiring')).toMatchObject({
        description: 'changed',
        data: { owner: 'team-b', service: 'expiring', 'expires-at': '' },
      });
    });
  });

  it('lists every namespace, page by page', async () => {
    const requested: string[] = [];
    const counting = new TemporalClient({
      environment: 'dev',
      access,
      fetch: recordingFetch(requested),
    });
    const names = (await counting.listNamespaces({ pageSize: 2 })).map(
      n => n.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['default', 'temporal-system', 'semantic-search']),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual((await client.listNamespaces()).map(n => n.name));
    expect(requested.length).toBeGreaterThan(1);
    expect(requested[1]).toMatch(/[?&]nextPageToken=/);
  });

  it('fails, rather than answering the namespaces read so far, when a later page is cut off', async () => {
    // A proxy that passes page 1 through from the sandbox, then cuts off every later page.
    const cutPages = { reset: resetMidBody(), stall: stallMidBody() };
    let cut: keyof typeof cutPages = 'reset';
    const proxy = await startTestServer(async (req, res) => {
      if (req.url!.includes('nextPageToken=')) {
        cutPages[cut](req, res);
        return;
      }
      const answer = await fetch(`${server.url}${req.url}`);
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(await answer.text());
    });
    try {
      const behind = (timeoutMs: number) =>
        new TemporalClient({
          environment: 'dev',
          access: { httpUrl: proxy.url, timeoutMs },
        });
      expect(
        await expectUpstreamFailure(
          behind(2000).listNamespaces({ pageSize: 1 }),
        ),
      ).toMatchObject({
        upstream: 'temporal',
        operation: 'list namespaces',
        reason: 'Truncated',
        status: 200,
      });
      cut = 'stall';
      expect(
        await expectUpstreamFailure(
          behind(200).listNamespaces({ pageSize: 1 }),
        ),
      ).toMatchObject({ reason: 'Timeout', status: 200 });
      // page 1 alone is a complete answer
      expect(
        proxy.requests.filter(r => !r.url.includes('nextPageToken=')).length,
      ).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  describe('with an API key', () => {
    let secured: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      secured = await startTemporalServer({
        port: 0,
        seed,
        credentials: { ...credentials, temporalApiKey: 'right-api-key' },
      });
    });
    afterAll(() => secured.close());

    const clientWithKey = (apiKey?: string) =>
      new TemporalClient({
        environment: 'dev',
        access: { httpUrl: secured.url, apiKey, timeoutMs: 10_000 },
      });

    it('sends the key as a bearer token', async () => {
      expect(
        await clientWithKey('right-api-key').describeNamespace('default'),
      ).toMatchObject({
        name: 'default',
      });
    });

    it('fails with Forbidden without the right key, and never shows the key', async () => {
      for (const apiKey of [undefined, 'wrong-api-key-canary']) {
        const error = await expectUpstreamFailure(
          clientWithKey(apiKey).listNamespaces(),
        );
        expect(error).toMatchObject({
          upstream: 'temporal',
          reason: 'Forbidden',
          status: 403,
          detail: 'Request unauthorized.',
        });
        expect(error.message).not.toContain('canary');
      }
    });
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let silentClient: TemporalClient;
    const attempts = () => silent.requests.map(r => r.method);

    beforeAll(async () => {
      silent = await startSilentServer();
      silentClient = new TemporalClient({
        environment: 'dev',
        access: { httpUrl: silent.url, timeoutMs: 150 },
      });
    });
    beforeEach(() => {
      silent.requests.length = 0;
    });
    afterAll(() => silent.close());

    it('times out a describe after retrying it', async () => {
      const error = await expectUpstreamFailure(
        silentClient.describeNamespace('default'),
      );
      expect(error).toMatchObject({ upstream: 'temporal', reason: 'Timeout' });
      expect(attempts()).toEqual(['GET', 'GET', 'GET']);
    });

    it('sends a registration only once', async () => {
      const error = await expectUpstreamFailure(
        silentClient.registerNamespace({ name: 'once', retentionDays: 1 }),
      );
      expect(error).toMatchObject({ reason: 'Timeout' });
      expect(attempts()).toEqual(['POST']);
    });
  });
});
