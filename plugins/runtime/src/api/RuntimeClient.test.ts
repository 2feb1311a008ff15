import { ResponseError } from '@backstage/errors';
import { RuntimeClient } from './RuntimeClient';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'content-type': 'application/json' },
  });

function clientAnswering(response: () => Response) {
  const urls: string[] = [];
  const inits: Array<RequestInit | undefined> = [];
  const client = new RuntimeClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        urls.push(String(input));
        inits.push(init);
        return response();
      },
    },
  });
  return { client, urls, inits };
}

const ref = { kind: 'Component', namespace: 'team a', name: 'search/v2' };

describe('RuntimeClient', () => {
  it('asks for observability with the range and encoded entity path', async () => {
    const report = {
      entityRef: 'component:default/search',
      profile: 'service',
      range: { start: 'a', end: 'b', stepSeconds: 60 },
      environments: [],
    };
    const { client, urls } = clientAnswering(() => json(200, report));
    await expect(client.getObservability(ref, '6h')).resolves.toEqual(report);
    expect(urls).toEqual([
      'http://backstage.test/api/runtime/entity/Component/team%20a/search%2Fv2/observability?range=6h',
    ]);
  });

  it("asks for the runtime components' firing alerts", async () => {
    const report = { environments: [] };
    const { client, urls } = clientAnswering(() => json(200, report));
    await expect(client.getComponentAlerts()).resolves.toEqual(report);
    expect(urls).toEqual(['http://backstage.test/api/runtime/alerts']);
  });

  it('asks for delivery on the encoded entity path', async () => {
    const report = {
      entityRef: 'component:default/search',
      deployments: [],
      pipelines: { status: 'not-configured', fetchedAt: 'x' },
      images: { status: 'not-configured', fetchedAt: 'x' },
    };
    const { client, urls } = clientAnswering(() => json(200, report));
    await expect(client.getDelivery(ref)).resolves.toEqual(report);
    expect(urls).toEqual([
      'http://backstage.test/api/runtime/entity/Component/team%20a/search%2Fv2/delivery',
    ]);
  });

  it.each([401, 403, 404])(
    'throws a ResponseError when the backend answers %i',
    async status => {
      const { client } = clientAnswering(() =>
        json(status, {
          error: { name: 'NotFoundError', message: 'entity not found' },
          response: { statusCode: status },
        }),
      );
      const error = await client.getDelivery(ref).catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError).statusCode).toBe(status);
    },
  );

  describe('approvals', () => {
    const approval = {
      id: 'a/1',
      key: 'k',
      action: 'runtime:bucket:delete',
      environment: 'prod',
      owner: 'group:default/team-a',
      service: 'search',
      summary: 'Delete bucket recordings',
      requestedBy: 'user:default/alice',
      requestedAt: '2026-12-05T10:00:00Z',
      expiresAt: '2026-12-06T10:00:00Z',
      approvers: 'group:default/platform-team',
      status: 'pending',
    };

    it('lists the approvals, with the status filter when given', async () => {
      const { client, urls } = clientAnswering(() =>
        json(200, { items: [approval] }),
      );
      await expect(client.listApprovals()).resolves.toEqual([approval]);
      await expect(client.listApprovals('pending')).resolves.toEqual([
        approval,
      ]);
      expect(urls).toEqual([
        'http://backstage.test/api/runtime/approvals',
        'http://backstage.test/api/runtime/approvals?status=pending',
      ]);
    });

    it('reads one approval on its encoded path', async () => {
      const { client, urls } = clientAnswering(() => json(200, approval));
      await expect(client.getApproval('a/1')).resolves.toEqual(approval);
      expect(urls).toEqual([
        'http://backstage.test/api/runtime/approvals/a%2F1',
      ]);
    });

    it('posts a decision with its comment, and without an empty one', async () => {
      const decided = { ...approval, status: 'approved' };
      const { client, urls, inits } = clientAnswering(() => json(200, decided));
      await expect(
        client.decideApproval('a/1', 'approve', 'looks fine'),
      ).resolves.toEqual(decided);
      await client.decideApproval('a/1', 'reject', '');
      expect(urls).toEqual([
        'http://backstage.test/api/runtime/approvals/a%2F1/decision',
        'http://backstage.test/api/runtime/approvals/a%2F1/decision',
      ]);
      expect(inits.map(i => i?.method)).toEqual(['POST', 'POST']);
      expect(inits.map(i => JSON.parse(String(i?.body)))).toEqual([
        { decision: 'approve', comment: 'looks fine' },
        { decision: 'reject' },
      ]);
    });

    it.each([403, 409])(
      'throws a ResponseError with the message when a decision is answered %i',
      async status => {
        const { client } = clientAnswering(() =>
          json(status, {
            error: { name: 'ConflictError', message: 'already approved' },
            response: { statusCode: status },
          }),
        );
        const error = await client
          .decideApproval('a/1', 'approve')
          .catch(e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError).statusCode).toBe(status);
        expect((error as ResponseError).body.error.message).toBe(
          'already approved',
        );
      },
    );
  });
});
