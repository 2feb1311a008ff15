import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  startSandbox,
  sandboxEnvironmentConfig,
  Sandbox,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { runtimePlugin } from './plugin';

describe('runtimePlugin', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
    });
  });
  afterAll(() => sandbox.close());

  const environments = () => [
    { ...sandboxEnvironmentConfig(sandbox), title: 'Development' },
    {
      name: 'staging',
      openbao: { url: sandbox.urls.openbao, token: 'canary-wrong-token' },
      temporal: { httpUrl: 'http://127.0.0.1:1', timeoutMs: 500 },
    },
  ];

  const start = () =>
    startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { runtime: { environments: environments() } },
        }),
      ],
    });

  it('reports each environment and the state of each upstream, without URLs or credentials', async () => {
    const { server } = await start();

    const response = await request(server)
      .get('/api/runtime/health')
      .set('authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    expect(response.body.environments).toEqual([
      {
        name: 'dev',
        title: 'Development',
        upstreams: [
          'kubernetes',
          'openbao',
          'objectStorage',
          'temporal',
          'prometheus',
          'alertmanager',
          'loki',
          'tempo',
          'grafana',
          'argocd',
          'postgres',
        ].map(upstream => ({
          upstream,
          status: 'ok',
          latencyMs: expect.any(Number),
        })),
      },
      {
        name: 'staging',
        title: 'staging',
        upstreams: [
          {
            upstream: 'openbao',
            status: 'down',
            reason: 'Forbidden',
            latencyMs: expect.any(Number),
          },
          {
            upstream: 'temporal',
            status: 'down',
            reason: 'Unavailable',
            latencyMs: expect.any(Number),
          },
        ],
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(
      /canary|127\.0\.0\.1|sandbox-/,
    );
  });

  it('answers signed-in callers only', async () => {
    const { server } = await start();
    const response = await request(server)
      .get('/api/runtime/health')
      .set('authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('refuses to start when an environment is misconfigured, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          runtimePlugin,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: {
              runtime: {
                environments: [
                  { name: 'dev', openbao: { url: 'not a url', token: 't' } },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/runtime\.environments\[0\]\.openbao\.url/);
  });
});
