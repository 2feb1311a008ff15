import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startTemporalServer } from '.';

describe('startTemporalServer', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTemporalServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers = {},
  ) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : text,
    });
    return { status: response.status, body: await response.json() };
  }

  const register = (body: Record<string, unknown>) =>
    call('POST', '/api/v1/namespaces', body);

  describe('namespaces at start', () => {
    it('has the system and default namespaces', async () => {
      const system = await call('GET', '/api/v1/namespaces/temporal-system');
      expect(system.status).toBe(200);
      expect(system.body.config.workflowExecutionRetentionTtl).toBe('604800s');
      const fallback = await call('GET', '/api/v1/namespaces/default');
      expect(fallback.body.namespaceInfo).toMatchObject({
        name: 'default',
        state: 'NAMESPACE_STATE_REGISTERED',
      });
    });

    it('has one namespace per seeded Temporal workflow, with retention and owner data', async () => {
      const { status, body } = await call(
        'GET',
        '/api/v1/namespaces/support-assistant',
      );
      expect(status).toBe(200);
      expect(body.namespaceInfo).toMatchObject({
        name: 'support-assistant',
        state: 'NAMESPACE_STATE_REGISTERED',
        data: { owner: 'assistant-team', service: 'support-assistant' },
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(body.config).toMatchObject({
        workflowExecutionRetentionTtl: '1209600s',
      });
      expect(body.replicationConfig.activeClusterName).toBe('active');
    });
  });

  describe('RegisterNamespace', () => {
    it('registers a namespace that DescribeNamespace then answers', async () => {
      const created = await register({
        namespace: 'orders',
        description: 'Order workflows',
        ownerEmail: 'orders@example.com',
        workflowExecutionRetentionPeriod: '259200s',
        data: { owner: 'team-a', service: 'orders' },
      });
      expect(created).toEqual({ status: 200, body: {} });
      const { body } = await call('GET', '/api/v1/namespaces/orders');
      expect(body.namespaceInfo).toMatchObject({
        name: 'orders',
        description: 'Order workflows',
        ownerEmail: 'orders@example.com',
        data: { owner: 'team-a', service: 'orders' },
      });
      expect(body.config.workflowExecutionRetentionTtl).toBe('259200s');
    });

    it('accepts the proto field names too, and the /cluster binding', async () => {
      const created = await call('POST', '/cluster/namespaces', {
        namespace: 'snake-case',
        workflow_execution_retention_period: '86400s',
      });
      expect(created.status).toBe(200);
      expect((await call('GET', '/cluster/namespaces/snake-case')).status).toBe(
        200,
      );
    });

    it('answers 409 ALREADY_EXISTS for a name already registered', async () => {
      const again = await register({
        namespace: 'support-assistant',
        workflowExecutionRetentionPeriod: '86400s',
      });
      expect(again).toEqual({
        status: 409,
        body: {
          code: 6,
          message: 'Namespace "support-assistant" already exists',
          details: [
            {
              '@type':
                'type.googleapis.com/temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure',
            },
          ],
        },
      });
    });

    it.each([
      [
        'no name',
        { workflowExecutionRetentionPeriod: '86400s' },
        'Namespace not set on request.',
      ],
      [
        'no retention',
        { namespace: 'a' },
        'A valid retention period is not set on request.',
      ],
      [
        'a retention under one hour',
        { namespace: 'short', workflowExecutionRetentionPeriod: '1800s' },
        'A valid retention period is not set on request.',
      ],
      [
        'a retention that is not a Duration',
        { namespace: 'days', workflowExecutionRetentionPeriod: '7d' },
        'proto: invalid google.protobuf.Duration value "7d"',
      ],
      [
        'an unknown field',
        {
          namespace: 'extra',
          workflowExecutionRetentionPeriod: '86400s',
          retentionDays: 1,
        },
        'proto: unknown field "retentionDays"',
      ],
      [
        'a global namespace',
        {
          namespace: 'global',
          workflowExecutionRetentionPeriod: '86400s',
          isGlobalNamespace: true,
        },
        'Cannot register global namespace when not enabled',
      ],
      [
        'a name over 1000 characters',
        {
          namespace: 'x'.repeat(1001),
          workflowExecutionRetentionPeriod: '86400s',
        },
        'Namespace length exceeds limit.',
      ],
    ])('answers 400 INVALID_ARGUMENT for %s', async (_case, body, message) => {
      expect(await register(body)).toEqual({
        status: 400,
        body: { code: 3, message },
      });
    });

    it('accepts the one-hour minimum retention of a local namespace', async () => {
      const created = await register({
        namespace: 'one-hour',
        workflowExecutionRetentionPeriod: '3600s',
      });
      expect(created.status).toBe(200);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const { status, body } = await call(
        'POST',
        '/api/v1/namespaces',
        '{not json',
      );
      expect(status).toBe(400);
      expect(body.code).toBe(3);
    });
  });

  describe('DescribeNamespace', () => {
    it('answers 404 NOT_FOUND with the NamespaceNotFoundFailure detail', async () => {
      expect(await call('GET', '/api/v1/namespaces/missing')).toEqual({
        status: 404,
        body: {
          code: 5,
          message: 'Namespace missing is not found.',
          details: [
            {
              '@type':
                'type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure',
              namespace: 'missing',
            },
          ],
        },
      });
    });
  });

  describe('ListNamespaces', () => {
    /** Every page's namespace names, following nextPageToken. */
    async function pages(url: string, pageSize: number): Promise<string[][]> {
      const result: string[][] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ pageSize: String(pageSize) });
        if (token) query.set('nextPageToken', token);
        const response = await fetch(`${url}/api/v1/namespaces?${query}`);
        expect(response.status).toBe(200);
        const body = await response.json();
        result.push(
          (body.namespaces ?? []).map((n: any) => n.namespaceInfo.name),
        );
        token = body.nextPageToken;
      } while (token);
      return result;
    }

    it('pages with pageSize and an opaque nextPageToken; a full last page is followed by an empty one', async () => {
      const small = await startTemporalServer({
        port: 0,
        seed: { components: [], teams: [] },
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      });
      try {
        for (const namespace of ['a-one', 'b-two']) {
          await fetch(`${small.url}/api/v1/namespaces`, {
            method: 'POST',
            body: JSON.stringify({
              namespace,
              workflowExecutionRetentionPeriod: '86400s',
            }),
          });
        }
        expect(await pages(small.url, 2)).toEqual([
          ['a-one', 'b-two'],
          ['default', 'temporal-system'],
          [],
        ]);
        expect(await pages(small.url, 3)).toEqual([
          ['a-one', 'b-two', 'default'],
          ['temporal-system'],
        ]);
        expect(await pages(small.url, 0)).toEqual([
          ['a-one', 'b-two', 'default', 'temporal-system'],
        ]);
      } finally {
        await small.close();
      }
    });

    it('answers 400 for a page size or token it cannot read', async () => {
      expect(
        (await call('GET', '/api/v1/namespaces?pageSize=ten')).body.code,
      ).toBe(3);
      const token = Buffer.from('garbage').toString('base64');
      const bad = await call(
        'GET',
        `/api/v1/namespaces?nextPageToken=${token}`,
      );
      expect(bad).toEqual({
        status: 400,
        body: { code: 3, message: 'Invalid NextPageToken.' },
      });
    });
  });

  describe('UpdateNamespace', () => {
    const update = (name: string, body: unknown) =>
      call('POST', `/api/v1/namespaces/${name}/update`, body);
    const listed = async (query = '') =>
      (
        await call('GET', `/api/v1/namespaces?pageSize=1000${query}`)
      ).body.namespaces.map((n: any) => n.namespaceInfo.name);

    it('merges data, and moves the state as the frontend allows: a deleted namespace keeps its name and is listed only on request', async () => {
      await register({
        namespace: 'to-retire',
        workflowExecutionRetentionPeriod: '86400s',
        data: { owner: 'search-team' },
      });
      const merged = await update('to-retire', {
        updateInfo: { data: { service: 'semantic-search' } },
      });
      expect(merged.status).toBe(200);
      expect(merged.body.namespaceInfo.data).toEqual({
        owner: 'search-team',
        service: 'semantic-search',
      });

      const deleted = await update('to-retire', {
        updateInfo: { state: 'NAMESPACE_STATE_DELETED' },
      });
      expect(deleted.status).toBe(200);
      expect(deleted.body.namespaceInfo.state).toBe('NAMESPACE_STATE_DELETED');
      expect(
        (await call('GET', '/api/v1/namespaces/to-retire')).body.namespaceInfo
          .state,
      ).toBe('NAMESPACE_STATE_DELETED');
      expect(await listed()).not.toContain('to-retire');
      expect(await listed('&namespaceFilter.includeDeleted=true')).toContain(
        'to-retire',
      );
      // The same state again is no change; back to registered is refused.
      expect(
        (await update('to-retire', { updateInfo: { state: 3 } })).status,
      ).toBe(200);
      expect(
        await update('to-retire', {
          updateInfo: { state: 'NAMESPACE_STATE_REGISTERED' },
        }),
      ).toEqual({
        status: 400,
        body: {
          code: 3,
          message: 'invalid namespace state update',
        },
      });
      const again = await register({
        namespace: 'to-retire',
        workflowExecutionRetentionPeriod: '86400s',
      });
      expect(again.status).toBe(409);
    });

    it('answers an unknown namespace with NotFound, unknown fields with InvalidArgument, and what it does not model with Unimplemented', async () => {
      const unknown = await update('never-registered', {
        updateInfo: { state: 'NAMESPACE_STATE_DELETED' },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe(
        'Namespace never-registered is not found.',
      );
      expect(
        (await update('default', { updateInfo: { colour: 'red' } })).body,
      ).toMatchObject({ code: 3, message: 'proto: unknown field "colour"' });
      expect(
        (await update('default', { promoteNamespace: true })).body,
      ).toMatchObject({ code: 12 });
    });
  });

  it('answers unknown paths and methods as grpc-gateway does', async () => {
    expect(await call('GET', '/api/v1/nothing-here')).toEqual({
      status: 404,
      body: { code: 5, message: 'Not Found' },
    });
    expect(await call('DELETE', '/api/v1/namespaces/default')).toEqual({
      status: 501,
      body: { code: 12, message: 'Method Not Allowed' },
    });
  });

  describe('with an API key', () => {
    let secured: RunningServer;
    beforeAll(async () => {
      secured = await startTemporalServer({
        port: 0,
        seed: { components: [], teams: [] },
        credentials: {
          ...DEFAULT_SANDBOX_CREDENTIALS,
          temporalApiKey: 'the-api-key',
        },
      });
    });
    afterAll(() => secured.close());

    const get = (headers: Record<string, string>) =>
      fetch(`${secured.url}/api/v1/namespaces/default`, { headers }).then(
        async r => ({
          status: r.status,
          body: await r.json(),
        }),
      );

    it('answers 403 PERMISSION_DENIED without the key or with another one', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer another-key' },
      ];
      for (const headers of attempts) {
        const { status, body } = await get(headers);
        expect(status).toBe(403);
        expect(body).toMatchObject({
          code: 7,
          message: 'Request unauthorized.',
        });
      }
    });

    it('answers with the key', async () => {
      expect((await get({ authorization: 'Bearer the-api-key' })).status).toBe(
        200,
      );
    });
  });
});
