import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { runtimePlugin } from './plugin';

const environments = [
  {
    name: 'dev',
    title: 'Development',
    kubernetes: {
      url: 'https://k8s.dev.example.com',
      serviceAccountToken: 'canary-token-value',
    },
    openbao: { url: 'https://bao.dev.example.com', token: 'canary-bao-token' },
  },
];

describe('runtimePlugin', () => {
  it('reports the configured environments on /health, without URLs or credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        runtimePlugin,
        mockServices.rootConfig.factory({
          data: { runtime: { environments } },
        }),
      ],
    });

    const response = await request(server).get('/api/runtime/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      environments: [
        {
          name: 'dev',
          title: 'Development',
          upstreams: ['kubernetes', 'openbao'],
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/canary|example\.com/);
  });

  it('refuses to start when an environment is misconfigured, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          runtimePlugin,
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
