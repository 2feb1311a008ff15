import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RuntimeComponentAlertsReport,
  RuntimeLogLine,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  CountingProxy,
  loadProdSeed,
  Sandbox,
  sandboxEnvironmentConfig,
  startCountingProxy,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import request from 'supertest';
import { runtimePlugin } from './plugin';
import { sandboxAccessConfig } from './testing/access';
import { serviceEntity } from './testing/entities';

jest.setTimeout(90_000);

const PLATFORM_MODEL = 'runtime:platform-model';

/**
 * A runtime component as the catalog module's provider makes it, installed in the given namespace
 * per environment (`false`: not installed there).
 */
function runtimeComponent(
  name: string,
  installed: Record<string, string | false>,
  location = PLATFORM_MODEL,
): Entity {
  const annotations: Record<string, string> = {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
    'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${name}`,
  };
  for (const [environment, namespace] of Object.entries(installed)) {
    annotations[`runtime-portal.io/installed.${environment}`] = String(
      namespace !== false,
    );
    if (namespace === false) continue;
    annotations[`runtime-portal.io/namespace.${environment}`] = namespace;
    annotations[`runtime-portal.io/version.${environment}`] = '1.0.0';
    annotations[`runtime-portal.io/ready.${environment}`] = 'true';
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: name, annotations },
    spec: {
      type: 'runtime-component',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    },
  };
}

const kubeai = runtimeComponent('kubeai', {
  dev: 'runtime-inference',
  prod: 'runtime-inference',
});
const loki = runtimeComponent('loki', {
  dev: 'runtime-monitoring',
  prod: 'runtime-monitoring',
});
const whisper = runtimeComponent('faster-whisper', {
  dev: 'runtime-inference',
  prod: false,
});
/**
 * MinIO as the provider records it after a team labelled a Deployment of its own namespace
 * `app.kubernetes.io/name=minio`: discovery took the team's namespace for the component's.
 */
const hijacked = runtimeComponent('minio', {
  dev: 'team-media',
  prod: 'team-media',
});
/** A team's own entity claiming to be a runtime component: it is not the provider's. */
const impostor = runtimeComponent(
  'openbao',
  { dev: 'team-search', prod: 'team-search' },
  'url:https://gitlab.example/search-team/x/-/blob/main/catalog-info.yaml',
);
const service = serviceEntity('semantic-search', 'team-search', 'search-team');
const ENTITIES = [kubeai, loki, whisper, hijacked, impostor, service];

/** A search-team member: platform components are readable by everyone, as the catalog policy says. */
const member = 'user:default/search-member';

async function postAlerts(
  alertmanagerUrl: string,
  alerts: Array<Record<string, string>>,
) {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      alerts.map(({ summary, ...labels }) => ({
        labels,
        annotations: { summary },
      })),
    ),
  });
  expect(response.status).toBe(200);
}

describe('the platform view: runtime components across environments', () => {
  let dev: Sandbox;
  let prod: Sandbox<'kubernetes' | 'alertmanager' | 'loki' | 'grafana'>;
  let devLoki: CountingProxy;
  let devAlertmanager: CountingProxy;

  beforeAll(async () => {
    [dev, prod] = await Promise.all([
      startSandbox({ ports: 'free' }),
      // Production's Runtime: KubeAI has a replica failing its scrapes there, faster-whisper is absent.
      startSandbox({
        ports: 'free',
        upstreams: ['kubernetes', 'alertmanager', 'loki', 'grafana'],
        seed: loadProdSeed(),
      }),
    ]);
    devLoki = await startCountingProxy(dev.urls.loki);
    devAlertmanager = await startCountingProxy(dev.urls.alertmanager);
    await postAlerts(dev.urls.alertmanager, [
      {
        alertname: 'KubeAIReconcileErrors',
        namespace: 'runtime-inference',
        service: 'kubeai',
        severity: 'critical',
        summary: 'KubeAI fails to reconcile Models',
      },
      {
        alertname: 'LokiRequestErrors',
        namespace: 'runtime-monitoring',
        service: 'loki',
        severity: 'warning',
        summary: 'Loki answers 5xx',
      },
      // A team's workload that calls itself kubeai: not the platform's KubeAI.
      {
        alertname: 'TeamKubeAICopyDown',
        namespace: 'team-search',
        service: 'kubeai',
        severity: 'critical',
        summary: 'not the platform',
      },
      // In the hijacked namespace: must never be read through MinIO's page.
      {
        alertname: 'MediaTeamSecret',
        namespace: 'team-media',
        service: 'minio',
        severity: 'critical',
        summary: 'a team alert',
      },
    ]);
    await postAlerts(prod.urls.alertmanager, [
      {
        alertname: 'TargetDown',
        namespace: 'runtime-inference',
        service: 'kubeai',
        job: 'kubeai',
        severity: 'warning',
        summary: 'One or more targets are unreachable.',
      },
    ]);
  });
  afterAll(async () => {
    await devLoki?.close();
    await devAlertmanager?.close();
    await Promise.all([dev?.close(), prod?.close()]);
  });

  const prodConfig = (overrides: Record<string, unknown> = {}) => ({
    name: 'prod',
    kubernetes: {
      url: prod.urls.kubernetes,
      serviceAccountToken: prod.credentials.kubernetesToken,
      skipTLSVerify: true,
    },
    alertmanager: { url: prod.urls.alertmanager, timeoutMs: 30_000 },
    loki: { url: prod.urls.loki, timeoutMs: 30_000 },
    grafana: {
      url: prod.urls.grafana,
      token: prod.credentials.grafanaToken,
    },
    ...overrides,
  });

  const start = (prodOverrides: Record<string, unknown> = {}) =>
    startTestBackend({
      features: [
        runtimePlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.rootConfig.factory({
          data: {
            runtime: {
              access: sandboxAccessConfig(),
              observability: { signalTimeoutMs: 30_000 },
              environments: [
                {
                  ...sandboxEnvironmentConfig(dev),
                  alertmanager: { url: devAlertmanager.url, timeoutMs: 30_000 },
                  loki: { url: devLoki.url, timeoutMs: 30_000 },
                },
                prodConfig(prodOverrides),
              ],
            },
          },
        }),
      ],
    });

  const get = (server: any, url: string) =>
    request(server)
      .get(url)
      .set('authorization', mockCredentials.user.header(member));

  describe('GET /alerts', () => {
    it('groups the firing alerts by environment and component, and nothing of the teams', async () => {
      const { server } = await start();
      const response = await get(server, '/api/runtime/alerts');
      expect(response.status).toBe(200);
      const report: RuntimeComponentAlertsReport = response.body;
      expect(report.environments.map(e => e.environment)).toEqual([
        'dev',
        'prod',
      ]);
      const [devAlerts, prodAlerts] = report.environments;
      expect(devAlerts.alerts.status).toBe('ok');
      const byComponent = Object.fromEntries(
        devAlerts.alerts.data!.map(c => [c.component, c]),
      );
      expect(Object.keys(byComponent)).toEqual(
        expect.arrayContaining(['kubeai', 'loki']),
      );
      expect(byComponent.kubeai).toEqual(
        expect.objectContaining({
          entityRef: 'component:default/kubeai',
          namespace: 'runtime-inference',
        }),
      );
      expect(byComponent.kubeai.alerts.map(a => a.name)).toEqual([
        'KubeAIReconcileErrors',
      ]);
      expect(byComponent.kubeai.alerts[0]).toEqual(
        expect.objectContaining({
          severity: 'critical',
          summary: 'KubeAI fails to reconcile Models',
          state: 'active',
        }),
      );
      expect(byComponent.loki.alerts.map(a => a.name)).toContain(
        'LokiRequestErrors',
      );
      // Neither the team's namespace nor the hijacked one, nor a team's own entity.
      const everything = JSON.stringify(report);
      expect(everything).not.toMatch(/TeamKubeAICopyDown|MediaTeamSecret/);
      expect(everything).not.toMatch(/component:default\/openbao/);
      expect(devAlerts.problems).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/minio',
          status: 'not-allowed',
          message: expect.stringMatching(
            /namespace team-media in dev belongs to group:default\/media-team/,
          ),
        }),
      ]);

      expect(prodAlerts.alerts.status).toBe('ok');
      // Prod's own Alertmanager: its KubeAI alert, not dev's (its seed may fire others, e.g. for Loki).
      expect(
        prodAlerts.alerts.data!.find(c => c.component === 'kubeai')?.alerts,
      ).toEqual([expect.objectContaining({ name: 'TargetDown' })]);
      for (const { namespace, alerts } of [
        ...devAlerts.alerts.data!,
        ...prodAlerts.alerts.data!,
      ]) {
        expect(namespace).toMatch(/^runtime-/);
        expect(alerts.length).toBeGreaterThan(0);
      }
    });

    it('degrades only the environment whose Alertmanager is down', async () => {
      const { server } = await start({
        alertmanager: { url: 'http://127.0.0.1:1', timeoutMs: 300 },
      });
      const response = await get(server, '/api/runtime/alerts');
      expect(response.status).toBe(200);
      const [devAlerts, prodAlerts] = (
        response.body as RuntimeComponentAlertsReport
      ).environments;
      expect(prodAlerts.alerts).toEqual(
        expect.objectContaining({
          status: 'unavailable',
          message: expect.stringMatching(/^Alertmanager is unavailable/),
        }),
      );
      expect(prodAlerts.alerts.data).toBeUndefined();
      expect(devAlerts.alerts.status).toBe('ok');
      expect(devAlerts.alerts.data!.map(c => c.component)).toContain('kubeai');
    });

    it('says an environment without Alertmanager is not configured', async () => {
      const { server } = await start({ alertmanager: undefined });
      const response = await get(server, '/api/runtime/alerts');
      const prodAlerts = (response.body as RuntimeComponentAlertsReport)
        .environments[1];
      expect(prodAlerts.alerts).toEqual(
        expect.objectContaining({
          status: 'not-configured',
          message: expect.stringMatching(
            /Alertmanager is not configured for prod/,
          ),
        }),
      );
    });

    it('refuses anonymous callers', async () => {
      const { server } = await start();
      const response = await request(server)
        .get('/api/runtime/alerts')
        .set('authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    });
  });

  describe("a runtime component's observability", () => {
    const observability = (name: string) =>
      `/api/runtime/entity/component/default/${name}/observability?range=1h`;

    it('reads its alerts, error logs and dashboards in its own namespace, per environment', async () => {
      const { server } = await start();
      const response = await get(server, observability('kubeai'));
      expect(response.status).toBe(200);
      const report: RuntimeObservabilityReport = response.body;
      expect(report.entityRef).toBe('component:default/kubeai');
      const [devReport, prodReport] = report.environments;
      expect(devReport.alerts.data!.map(a => a.name)).toEqual([
        'KubeAIReconcileErrors',
      ]);
      expect(devReport.health).toBe('degraded');
      expect(devReport.logs.status).toBe('ok');
      expect(devReport.dashboards.data!.map(d => d.title)).toContain(
        'Runtime / kubeai',
      );
      expect(prodReport.environment).toBe('prod');
      expect(prodReport.alerts.data!.map(a => a.name)).toEqual(['TargetDown']);
      expect(prodReport.logs.status).toBe('ok');
      expect(prodReport.metrics.status).toBe('not-configured');
    });

    it('reads its error log lines from its own streams, with the errors of the replica that fails its scrapes', async () => {
      const { server } = await start();
      const [lokiResponse, kubeaiResponse] = await Promise.all([
        get(server, observability('loki')),
        get(server, observability('kubeai')),
      ]);
      const logsOf = (
        body: RuntimeObservabilityReport,
        environment: string,
      ) => {
        const report = body.environments.find(
          e => e.environment === environment,
        )!;
        expect(report.logs.status).toBe('ok');
        return report.logs.data!;
      };
      const expectComponentErrors = (
        lines: RuntimeLogLine[],
        namespace: string,
        component: string,
      ) => {
        expect(lines.length).toBeGreaterThan(0);
        for (const { labels, line } of lines) {
          expect(labels).toEqual(
            expect.objectContaining({
              namespace,
              service: component,
              level: 'error',
            }),
          );
          expect(line).toMatch(/error|exception|fatal/i);
        }
      };

      // Dev's Loki has a replica failing its scrapes (TargetDown): the others cannot reach it.
      const devLokiLines = logsOf(lokiResponse.body, 'dev');
      expectComponentErrors(devLokiLines, 'runtime-monitoring', 'loki');
      expect(devLokiLines.map(l => l.line)).toContainEqual(
        expect.stringMatching(
          /msg="(error contacting scheduler|error processing request)"/,
        ),
      );
      // Prod's KubeAI has one (TargetDown): it cannot renew its lease nor sync its caches.
      const prodKubeai = logsOf(kubeaiResponse.body, 'prod');
      expectComponentErrors(prodKubeai, 'runtime-inference', 'kubeai');
      expect(prodKubeai.map(l => l.line)).toContainEqual(
        expect.stringMatching(
          /error retrieving resource lock runtime-inference|error running controller-manager/,
        ),
      );
      // Dev's KubeAI is healthy: only its occasional reconcile and proxy errors.
      const devKubeai = logsOf(kubeaiResponse.body, 'dev');
      expectComponentErrors(devKubeai, 'runtime-inference', 'kubeai');
      expect(devKubeai.map(l => l.line).join('\n')).not.toMatch(
        /resource lock|controller-manager/,
      );
    });

    it('says a component is not installed in an environment, and reads nothing there', async () => {
      const { server } = await start();
      const response = await get(server, observability('faster-whisper'));
      const prodReport = (response.body as RuntimeObservabilityReport)
        .environments[1];
      for (const signal of ['alerts', 'logs', 'dashboards'] as const) {
        expect(prodReport[signal]).toEqual(
          expect.objectContaining({
            status: 'not-configured',
            message:
              'faster-whisper is not installed in prod (as the catalog last discovered it)',
          }),
        );
      }
    });

    it("never reads a team's namespace through a component's page (attack: a hijacked component label)", async () => {
      const { server } = await start();
      devLoki.reset();
      devAlertmanager.reset();
      const response = await get(server, observability('minio'));
      expect(response.status).toBe(200);
      const [devReport] = (response.body as RuntimeObservabilityReport)
        .environments;
      for (const signal of ['metrics', 'alerts', 'logs', 'traces'] as const) {
        expect(devReport[signal]).toEqual(
          expect.objectContaining({
            status: 'not-allowed',
            message: expect.stringMatching(
              /^Not allowed: namespace team-media in dev belongs to group:default\/media-team, not to group:default\/platform-team/,
            ),
          }),
        );
        expect(devReport[signal].data).toBeUndefined();
      }
      expect(JSON.stringify(response.body)).not.toMatch(/MediaTeamSecret/);
      expect(devLoki.count()).toBe(0);
      expect(devAlertmanager.count()).toBe(0);
    });

    it("reads a team's entity claiming the runtime-component type as that team's entity, not the platform's", async () => {
      const { server } = await start();
      devLoki.reset();
      const response = await get(server, observability('openbao'));
      const [devReport] = (response.body as RuntimeObservabilityReport)
        .environments;
      // It names no backstage.io/kubernetes-id, so nothing is read: its namespace annotations count for nothing.
      expect(devReport.alerts.status).toBe('not-configured');
      expect(devReport.logs.status).toBe('not-configured');
      expect(devLoki.count()).toBe(0);
    });
  });
});
