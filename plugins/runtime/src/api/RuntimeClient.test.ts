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
  const client = new RuntimeClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return response();
      },
    },
  });
  return { client, urls };
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
});
