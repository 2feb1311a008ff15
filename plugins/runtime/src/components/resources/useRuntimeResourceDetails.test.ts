import { ResponseError } from '@backstage/errors';
import { RuntimeClient } from '../../api';
import { errorBody, jsonResponse } from './__testUtils__/testHelpers';

const details = {
  type: 'bucket',
  environment: 'dev',
  name: 'recordings',
  endpoint: 'http://minio.test',
  versioning: 'Enabled',
  tags: {},
};

function deps(response: () => Response) {
  const urls: string[] = [];
  return {
    urls,
    deps: {
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backstage.test/api/${id}`,
      },
      fetchApi: {
        fetch: async (input: RequestInfo | URL) => {
          urls.push(String(input));
          return response();
        },
      },
    },
  };
}

const fetchRuntimeResourceDetails = (
  d: ConstructorParameters<typeof RuntimeClient>[0],
  ref: { kind: string; namespace: string; name: string },
) => new RuntimeClient(d).getResourceDetails(ref);

describe('RuntimeClient.getResourceDetails', () => {
  it('asks the runtime backend on the encoded entity path', async () => {
    const { deps: d, urls } = deps(() => jsonResponse(200, details));
    await expect(
      fetchRuntimeResourceDetails(d, {
        kind: 'Resource',
        namespace: 'team a',
        name: 'dev/bucket#1',
      }),
    ).resolves.toEqual(details);
    expect(urls).toEqual([
      'http://backstage.test/api/runtime/entity/Resource/team%20a/dev%2Fbucket%231/resource',
    ]);
  });

  it.each([401, 403, 404, 503])(
    'throws a ResponseError when the backend answers %i',
    async status => {
      const { deps: d } = deps(() =>
        jsonResponse(status, errorBody(status, 'NotFoundError', 'gone')),
      );
      const error = await fetchRuntimeResourceDetails(d, {
        kind: 'Resource',
        namespace: 'default',
        name: 'x',
      }).catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError).statusCode).toBe(status);
    },
  );
});
