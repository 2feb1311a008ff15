import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RuntimeComponentsHealth } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { runtimePlugin } from './plugin';

jest.setTimeout(60_000);

describe('GET /components/health', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
  });
  afterAll(() => sandbox?.close());

  it("reports each environment's components by Prometheus up, and says where Prometheus is missing", async () => {
    const { kubernetes } = sandboxEnvironmentConfig(sandbox);
    const { server } = await startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            runtime: {
              environments: [
                sandboxEnvironmentConfig(sandbox),
                { name: 'staging', kubernetes },
              ],
            },
          },
        }),
      ],
    });
    const response = await request(server)
      .get('/api/runtime/components/health')
      .set('authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const body: RuntimeComponentsHealth = response.body;
    const [dev, staging] = body.environments;
    expect(dev.targets.status).toBe('ok');
    expect(dev.targets.data).toEqual(
      expect.arrayContaining([
        { component: 'kubeai', up: 1, targets: 1 },
        { component: 'openbao', up: 3, targets: 3 },
      ]),
    );
    expect(dev.targets.data!.length).toBe(24);
    expect(dev.dashboards.data).toEqual(
      expect.arrayContaining([
        {
          component: 'vllm',
          title: 'Runtime / vLLM',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/d\//),
        },
        expect.objectContaining({ component: 'kubeai' }),
      ]),
    );
    expect(staging.environment).toBe('staging');
    expect(staging.targets).toEqual(
      expect.objectContaining({
        status: 'not-configured',
        message: expect.stringMatching(
          /Prometheus is not configured for staging/,
        ),
      }),
    );
    expect(staging.dashboards.status).toBe('not-configured');
    const anonymous = await request(server)
      .get('/api/runtime/components/health')
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
