import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  startSandbox,
  startCountingProxy,
  CountingProxy,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { runtimePlugin } from './plugin';

import { serviceEntity, catalogHiding } from './testing/entities';
import { sandboxAccessConfig } from './testing/access';

jest.setTimeout(60_000);

const search = serviceEntity('semantic-search', 'team-search', 'search-team');
const assistant = serviceEntity(
  'support-assistant',
  'team-assistant',
  'assistant-team',
);
const transcriber = serviceEntity(
  'meeting-transcriber',
  'team-media',
  'media-team',
);
const bare: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bare', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
};
const hidden = { ...bare, metadata: { name: 'hidden', namespace: 'default' } };
const ENTITIES = [search, assistant, transcriber, bare, hidden];

const path = (entity: Entity) =>
  `/api/runtime/entity/component/default/${entity.metadata.name}/delivery`;

describe('GET /entity/:kind/:namespace/:name/delivery', () => {
  let sandbox: Sandbox;
  let gitlab: CountingProxy;
  beforeAll(async () => {
    // Argo CD syncs (and pipelines) finish quickly, so a sync shows its result within the test.
    sandbox = await startSandbox({ ports: 'free', readyAfterMs: 300 });
    gitlab = await startCountingProxy(sandbox.urls.gitlab);
  });
  afterAll(async () => {
    await gitlab?.close();
    await sandbox?.close();
  });

  const start = (
    overrides: { harbor?: { url: string; timeoutMs: number } } = {},
    extraFeatures: any[] = [],
  ) => {
    const platform = sandboxPlatformConfig(sandbox);
    return startTestBackend({
      features: [
        runtimePlugin,
        catalogHiding(ENTITIES, hidden).factory,
        ...extraFeatures,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitlab: [
                {
                  ...platform.integrations.gitlab[0],
                  apiBaseUrl: `${gitlab.url}/api/v4`,
                },
              ],
            },
            runtime: {
              access: sandboxAccessConfig(),
              harbor: platform.harbor,
              ...overrides,
              environments: [sandboxEnvironmentConfig(sandbox)],
            },
          },
        }),
      ],
    });
  };

  const get = async (server: any, entity: Entity) => {
    const response = await request(server)
      .get(path(entity))
      .set('authorization', mockCredentials.user.header());
    return response;
  };

  it('joins deployments, pipelines and images of a service', async () => {
    const { server } = await start();
    const response = await get(server, search);
    expect(response.status).toBe(200);
    const report: RuntimeDeliveryReport = response.body;
    expect(report.entityRef).toBe('component:default/semantic-search');
    const [dev] = report.deployments;
    expect(dev.environment).toBe('dev');
    expect(dev.status).toBe('ok');
    expect(dev.data![0]).toEqual(
      expect.objectContaining({
        application: 'semantic-search',
        syncStatus: 'Synced',
        healthStatus: 'Healthy',
      }),
    );
    expect(dev.data![0].history.length).toBeGreaterThan(0);
    expect(report.pipelines.status).toBe('ok');
    const pipelines = report.pipelines.data!;
    expect(pipelines.project).toBe('search-team/semantic-search');
    expect(pipelines.defaultBranch).toBe('main');
    expect(pipelines.pipelines[0]).toEqual(
      expect.objectContaining({
        ref: 'main',
        status: 'success',
        webUrl: expect.stringMatching(/^http/),
      }),
    );
    expect(pipelines.pipelines[0].durationSeconds).toBeGreaterThan(0);
    expect(pipelines.pipelines[0].author).toBeTruthy();
    expect(report.images.status).toBe('ok');
    const images = report.images.data!;
    expect(images.repository).toBe('search-team/semantic-search');
    expect(images.images[0].tags).toContain('1.8.2');
  });

  it('makes the three problem cases visible', async () => {
    const { server } = await start();
    const [searchReport, assistantReport, transcriberReport] = (
      await Promise.all(
        [search, assistant, transcriber].map(e => get(server, e)),
      )
    ).map(r => r.body as RuntimeDeliveryReport);
    expect(searchReport.images.data!.images[0].vulnerabilities).toEqual(
      expect.objectContaining({ critical: 2, severity: 'Critical' }),
    );
    expect(assistantReport.deployments[0].data![0].syncStatus).toBe(
      'OutOfSync',
    );
    expect(transcriberReport.pipelines.data!.pipelines[0].status).toBe(
      'failed',
    );
    // The failed pipeline names the job that failed it, linked to GitLab.
    expect(transcriberReport.pipelines.data!.pipelines[0].failedJobs).toEqual([
      expect.objectContaining({
        name: 'build',
        stage: 'build',
        failureReason: 'script_failure',
        webUrl: expect.stringMatching(
          /\/media-team\/meeting-transcriber\/-\/jobs\/\d+$/,
        ),
      }),
    ]);
    expect(
      searchReport.pipelines.data!.pipelines[0].failedJobs,
    ).toBeUndefined();
  });

  it('degrades one source when its upstream is down, and says why', async () => {
    const { server } = await start({
      harbor: { url: 'http://127.0.0.1:1', timeoutMs: 300 },
    });
    const report: RuntimeDeliveryReport = (await get(server, assistant)).body;
    expect(report.images.status).toBe('unavailable');
    expect(report.images.message).toMatch(/^Harbor is unavailable/);
    expect(report.pipelines.status).toBe('ok');
    expect(report.deployments[0].status).toBe('ok');
  });

  it('says what is missing for an entity without delivery annotations', async () => {
    const { server } = await start();
    const report: RuntimeDeliveryReport = (await get(server, bare)).body;
    expect(report.deployments[0]).toEqual(
      expect.objectContaining({
        status: 'not-configured',
        message: expect.stringMatching(/argocd\/app-name/),
      }),
    );
    expect(report.pipelines.message).toMatch(/gitlab\.com\/project-slug/);
    expect(report.images.message).toMatch(/goharbor\.io\/repository-slug/);
  });

  it('costs GitLab the same few calls however many viewers ask at once', async () => {
    const { server } = await start();
    gitlab.reset();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => get(server, transcriber)),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    const calls = gitlab.count();
    // One project lookup, one pipeline list, the details of the newest few pipelines and the
    // failed jobs of the failed latest one.
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(7);
    await get(server, transcriber);
    expect(gitlab.count()).toBe(calls);
  });

  it('gives nothing about an entity the caller cannot read', async () => {
    const { server } = await start();
    gitlab.reset();
    expect((await get(server, hidden)).status).toBe(404);
    expect(gitlab.count()).toBe(0);
  });

  describe('actions', () => {
    const post = (server: any, url: string, body?: object) =>
      request(server)
        .post(url)
        .set('authorization', mockCredentials.user.header())
        .send(body ?? {});

    it('syncs an out-of-sync application of the service, audited, and shows it synced', async () => {
      const auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async () => ({
          success: jest.fn(async () => {}),
          fail: jest.fn(async () => {}),
        })),
      });
      const { server } = await start({}, [auditor.factory]);
      expect(
        (await get(server, assistant)).body.deployments[0].data[0].syncStatus,
      ).toBe('OutOfSync');
      const response = await post(server, `${path(assistant)}/sync`, {
        environment: 'dev',
        application: 'support-assistant',
      });
      expect(response.status).toBe(202);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'runtime-deployment-sync',
          meta: {
            entityRef: 'component:default/support-assistant',
            environment: 'dev',
            application: 'support-assistant',
          },
        }),
      );
      let status = '';
      for (let i = 0; i < 100 && status !== 'Synced'; i++) {
        status = (await get(server, assistant)).body.deployments[0].data[0]
          .syncStatus;
        if (status !== 'Synced') await new Promise(r => setTimeout(r, 200));
      }
      expect(status).toBe('Synced');
    });

    it("refuses to sync an application that is not the entity's", async () => {
      const { server } = await start();
      const response = await post(server, `${path(assistant)}/sync`, {
        environment: 'dev',
        application: 'semantic-search',
      });
      expect(response.status).toBe(404);
      const bad = await post(server, `${path(assistant)}/sync`, {
        environment: 'dev',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/application/);
    });

    it('retries a failed pipeline of the service', async () => {
      const { server } = await start();
      const failed = (await get(server, transcriber)).body.pipelines.data
        .pipelines[0];
      expect(failed.status).toBe('failed');
      const response = await post(
        server,
        `${path(transcriber)}/pipelines/${failed.id}/retry`,
      );
      expect(response.status).toBe(202);
      expect(response.body.status).toMatch(/running|pending|created/);
      expect(
        (await post(server, `${path(transcriber)}/pipelines/abc/retry`)).status,
      ).toBe(400);
    });

    it('refuses callers without the permission, audited as refused', async () => {
      const fail = jest.fn(async () => {});
      const success = jest.fn(async () => {});
      const auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async () => ({ success, fail })),
      });
      const { server } = await start({}, [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        auditor.factory,
      ]);
      const sync = await post(server, `${path(assistant)}/sync`, {
        environment: 'dev',
        application: 'support-assistant',
      });
      expect(sync.status).toBe(403);
      const retry = await post(
        server,
        `${path(transcriber)}/pipelines/1/retry`,
      );
      expect(retry.status).toBe(403);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'runtime-deployment-sync',
          meta: {
            entityRef: 'component:default/support-assistant',
            environment: 'dev',
            application: 'support-assistant',
            refused: 'true',
          },
        }),
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'runtime-pipeline-retry',
          meta: expect.objectContaining({ pipelineId: 1, refused: 'true' }),
        }),
      );
      expect(fail).toHaveBeenCalledTimes(2);
      expect(fail).toHaveBeenCalledWith({
        error: expect.objectContaining({
          message: expect.stringMatching(/runtime\.deployment\.sync/),
        }),
      });
      expect(success).not.toHaveBeenCalled();
    });
  });
});
