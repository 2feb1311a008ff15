import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModuleRuntime } from './module';
import {
  EnvironmentSandbox,
  startEnvironmentSandbox,
} from './__testUtils__/runtimeSandbox';

describe('catalogModuleRuntime in a backend with the catalog', () => {
  let sandbox: EnvironmentSandbox;
  beforeAll(async () => {
    sandbox = await startEnvironmentSandbox();
  });
  afterAll(() => sandbox?.close());

  it('puts the platform model and the live resources (named with runtime.resourceNamePrefix) into the catalog, with owners and relations', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleRuntime,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Domain',
                  ],
                },
              ],
              providers: {
                runtime: {
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
            runtime: {
              environments: [sandbox.config('dev')],
              resourceNamePrefix: 'rt',
            },
          },
        }),
      ],
    });
    try {
      const get = async (ref: string): Promise<Entity | undefined> => {
        const response = await fetch(
          `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${ref}`,
          { headers: { Authorization: mockCredentials.user.header() } },
        );
        return response.ok ? response.json() : undefined;
      };
      const bucket = await eventually(async () => {
        const entity = await get(
          'resource/default/rt-dev-bucket-meeting-recordings',
        );
        return entity?.relations?.length ? entity : undefined;
      });
      expect(bucket.spec).toMatchObject({
        type: 'bucket',
        owner: 'group:default/media-team',
      });
      expect(bucket.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/media-team' },
          { type: 'dependsOn', targetRef: 'component:default/minio' },
          {
            type: 'dependencyOf',
            targetRef: 'component:default/meeting-transcriber',
          },
          { type: 'partOf', targetRef: 'system:default/runtime-data-storage' },
        ]),
      );
      const minio = await eventually(() => get('component/default/minio'));
      expect(minio.metadata.annotations).toMatchObject({
        'runtime-portal.io/installed.dev': 'true',
        'runtime-portal.io/version.dev': '2025.10.15',
        'backstage.io/kubernetes-namespace': 'runtime-data',
      });
      expect(await get('domain/default/runtime')).toBeDefined();
    } finally {
      await backend.stop();
    }
  }, 60_000);
});

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
