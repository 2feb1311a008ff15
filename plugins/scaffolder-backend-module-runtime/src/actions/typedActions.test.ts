import { createRuntimeBucketAction } from './bucket/bucketCreate';
import {
  CatalogRegisterDeps,
  createRuntimeCatalogRegisterAction,
} from './catalog/catalogRegister';
import { createRuntimeResourceExtendAction } from './resource/resourceExtend';

/** The input type a scaffolder action's handler receives. */
type HandlerInput<A extends { handler: (ctx: any) => Promise<void> }> =
  Parameters<A['handler']>[0]['input'];

type BucketInput = HandlerInput<ReturnType<typeof createRuntimeBucketAction>>;
type CatalogRegisterInput = HandlerInput<
  ReturnType<typeof createRuntimeCatalogRegisterAction>
>;
type ResourceExtendInput = HandlerInput<
  ReturnType<typeof createRuntimeResourceExtendAction>
>;

// The handlers' inputs are the schemas' parsed types: tsc rejects what the schemas reject.
const bucketInput: BucketInput = {
  environment: 'dev',
  owner: 'team-a',
  service: 'search',
  name: 'search-data',
  versioning: true,
  credentials: false,
};
const misspelt: BucketInput = {
  environment: 'dev',
  owner: 'team-a',
  service: 'search',
  name: 'search-data',
  versioning: true,
  credentials: false,
  // @ts-expect-error a field the schema does not have
  expirationDay: 3,
};
// @ts-expect-error versioning is a boolean
const wrongType: BucketInput = { ...bucketInput, versioning: 'yes' };
const byUrl: CatalogRegisterInput = {
  catalogInfoUrl: 'https://gitlab.test/a/b/-/blob/main/catalog-info.yaml',
};
// @ts-expect-error neither a repository nor a file URL
const neither: CatalogRegisterInput = { catalogInfoPath: '/x.yaml' };
const extendDatabase: ResourceExtendInput = {
  environment: 'dev',
  owner: 'team-a',
  service: 'search',
  type: 'database',
  name: 'search_data',
  expiresAfter: '30d',
};
const extendRoute: ResourceExtendInput = {
  ...extendDatabase,
  type: 'route',
  namespace: 'team-a',
  name: 'search-api',
};
// @ts-expect-error a type runtime:resource:extend does not cover
const extendQueue: ResourceExtendInput = { ...extendDatabase, type: 'queue' };

describe('typed scaffolder actions', () => {
  // Making an action calls no dependency: the deps are only used when it runs.
  const deps = {} as CatalogRegisterDeps;

  it('describe their inputs and outputs with the JSON schemas of their zod schemas', () => {
    const bucket = createRuntimeBucketAction(deps);
    expect(bucket.id).toBe('runtime:bucket:create');
    expect(bucket.schema?.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['environment', 'name']),
    });
    expect(Object.keys(bucket.schema?.output ?? {})).toContain('properties');

    const register = createRuntimeCatalogRegisterAction(deps);
    expect(register.schema?.input).toMatchObject({
      anyOf: [
        expect.objectContaining({ required: ['repoContentsUrl'] }),
        expect.objectContaining({ required: ['catalogInfoUrl'] }),
      ],
    });
    expect([bucketInput, misspelt, wrongType, byUrl, neither]).toHaveLength(5);
  });

  it('list every type runtime:resource:extend covers in its input schema', () => {
    const extend = createRuntimeResourceExtendAction(deps as any);
    expect(extend.schema?.input).toMatchObject({
      properties: {
        type: {
          enum: [
            'inference-endpoint',
            'secret',
            'bucket',
            'workflow',
            'database',
            'route',
          ],
        },
      },
    });
    expect([extendDatabase, extendRoute, extendQueue]).toHaveLength(3);
  });
});
