import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RuntimeObservabilityReport } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
  startCountingProxy,
  CountingProxy,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { runtimePlugin } from './plugin';

import {
  runtimeResourceEntity,
  serviceEntity,
  catalogHiding,
} from './testing/entities';
import { sandboxAccessConfig } from './testing/access';

jest.setTimeout(60_000);

const healthy = serviceEntity('semantic-search', 'team-search', 'search-team');
const degraded = serviceEntity(
  'support-assistant',
  'team-assistant',
  'assistant-team',
);
const endpoint = runtimeResourceEntity(
  'dev-inference-endpoint-llama',
  'inference-endpoint',
  'team-assistant/llama-3-1-8b-instruct',
);
const hidden = serviceEntity('meeting-transcriber', 'team-media', 'media-team');
const ENTITIES = [healthy, degraded, endpoint, hidden];

const path = (entity: Entity, range = '1h') =>
  `/api/runtime/entity/${entity.kind.toLowerCase()}/default/${
    entity.metadata.name
  }/observability?range=${range}`;

describe('GET /entity/:kind/:namespace/:name/observability', () => {
  let sandbox: Sandbox;
  let prometheus: CountingProxy;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
    prometheus = await startCountingProxy(sandbox.urls.prometheus);
  });
  afterAll(async () => {
    await prometheus?.close();
    await sandbox?.close();
  });

  const start = (environment: Record<string, unknown> = {}) =>
    startTestBackend({
      features: [
        runtimePlugin,
        catalogHiding(ENTITIES, hidden).factory,
        mockServices.rootConfig.factory({
          data: {
            runtime: {
              access: sandboxAccessConfig(),
              // Generous: the sandbox shares this process (and the machine) with the backend.
              observability: { signalTimeoutMs: 30_000 },
              environments: [
                {
                  ...sandboxEnvironmentConfig(sandbox),
                  // Long enough that a busy machine never makes a client time out or retry a query.
                  prometheus: { url: prometheus.url, timeoutMs: 30_000 },
                  alertmanager: {
                    url: sandbox.urls.alertmanager,
                    timeoutMs: 30_000,
                  },
                  loki: { url: sandbox.urls.loki, timeoutMs: 30_000 },
                  tempo: { url: sandbox.urls.tempo, timeoutMs: 30_000 },
                  ...environment,
                },
              ],
            },
          },
        }),
      ],
    });

  const get = async (server: any, url: string) =>
    request(server)
      .get(url)
      .set('authorization', mockCredentials.user.header());

  it('reads every signal of a healthy service', async () => {
    const { server } = await start();
    const response = await get(server, path(healthy));
    expect(response.status).toBe(200);
    const report: RuntimeObservabilityReport = response.body;
    expect(report.entityRef).toBe('component:default/semantic-search');
    expect(report.profile).toBe('service');
    const [dev] = report.environments;
    expect(dev.environment).toBe('dev');
    expect(dev.health).toBe('healthy');
    for (const signal of [
      'metrics',
      'alerts',
      'logs',
      'traces',
      'dashboards',
    ] as const) {
      expect({ signal, status: dev[signal].status }).toEqual({
        signal,
        status: 'ok',
      });
    }
    const metrics = Object.fromEntries(dev.metrics.data!.map(m => [m.id, m]));
    expect(Object.keys(metrics).sort()).toEqual([
      'errorRatio',
      'latencyP50',
      'latencyP95',
      'latencyP99',
      'requestRate',
    ]);
    expect(metrics.requestRate.points.length).toBeGreaterThan(30);
    expect(metrics.requestRate.current).toBeGreaterThan(20);
    expect(metrics.errorRatio.current).toBeLessThan(0.05);
    expect(dev.alerts.data).toEqual([]);
    expect(dev.dashboards.data!.map(d => d.title).join()).toMatch(
      /semantic-search/i,
    );
    expect(dev.dashboards.data![0].url).toMatch(/^http/);
  });

  it('shows a degraded service with its firing alert and error lines', async () => {
    const { server } = await start();
    const response = await get(server, path(degraded, '15m'));
    expect(response.status).toBe(200);
    const [dev] = (response.body as RuntimeObservabilityReport).environments;
    expect(dev.health).toBe('degraded');
    expect(dev.alerts.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'RuntimeHighErrorRatio',
          severity: 'critical',
          state: 'active',
        }),
      ]),
    );
    expect(dev.logs.data!.length).toBeGreaterThan(0);
    expect(dev.logs.data!.length).toBeLessThanOrEqual(50);
    expect(
      dev.logs.data!.every(l => /error|exception|fatal/i.test(l.line)),
    ).toBe(true);
    expect(dev.traces.data!.length).toBeGreaterThan(0);
  });

  it('adds the inference signals for an inference endpoint', async () => {
    const { server } = await start();
    const response = await get(server, path(endpoint));
    expect(response.status).toBe(200);
    const report: RuntimeObservabilityReport = response.body;
    expect(report.profile).toBe('inference-endpoint');
    const ids = report.environments[0].metrics.data!.map(m => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'requestsRunning',
        'requestsWaiting',
        'timeToFirstTokenP95',
        'tokensPerSecond',
        'kvCacheUsage',
      ]),
    );
    const ttft = report.environments[0].metrics.data!.find(
      m => m.id === 'timeToFirstTokenP95',
    )!;
    expect(ttft.current).toBeGreaterThan(0);
  });

  it('degrades one signal when its upstream is down, and says why', async () => {
    const { server } = await start({
      loki: { url: 'http://127.0.0.1:1', timeoutMs: 300 },
      tempo: undefined,
    });
    const response = await get(server, path(healthy));
    expect(response.status).toBe(200);
    const [dev] = (response.body as RuntimeObservabilityReport).environments;
    expect(dev.logs.status).toBe('unavailable');
    expect(dev.logs.message).toMatch(/^Loki is unavailable/);
    expect(dev.traces).toEqual(
      expect.objectContaining({
        status: 'not-configured',
        message: expect.stringMatching(/Tempo is not configured for dev/),
      }),
    );
    expect(dev.metrics.status).toBe('ok');
    expect(dev.alerts.status).toBe('ok');
    expect(dev.dashboards.status).toBe('ok');
  });

  it('costs the upstream one query per signal however many viewers ask at once', async () => {
    const { server } = await start();
    prometheus.reset();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => get(server, path(healthy, '6h'))),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    // Five RED metrics, one range query each, for all twenty viewers.
    expect(prometheus.count()).toBe(5);
    await get(server, path(healthy, '6h'));
    expect(prometheus.count()).toBe(5);
  });

  it('gives nothing about an entity the caller cannot read', async () => {
    const { server } = await start();
    prometheus.reset();
    const response = await get(server, path(hidden));
    expect(response.status).toBe(404);
    expect(prometheus.count()).toBe(0);
  });

  it('refuses anonymous callers and unknown ranges', async () => {
    const { server } = await start();
    const anonymous = await request(server)
      .get(path(healthy))
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const badRange = await get(server, path(healthy, '7d'));
    expect(badRange.status).toBe(400);
    expect(badRange.body.error.message).toMatch(/Invalid range '7d'/);
  });
});
