import { ENVIRONMENT_UPSTREAMS } from './environmentUpstreams';
import { startAlertmanagerServer } from './alertmanager';
import { startPrometheusServer } from './prometheus';
import { loadSeed } from './seed';
import { Sandbox, startSandbox } from './startSandbox';
import { PROD_SANDBOX_PORTS, startProdSandbox } from './startProdSandbox';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from './types';
import type { EnvironmentUpstream } from './environmentUpstreams';

/** kube-prometheus's `TargetDown` rule (general.rules), as the sandbox's Prometheus evaluates it. */
const TARGET_DOWN_EXPR =
  '100 * (count by (job, namespace, service) (up == 0) / count by (job, namespace, service) (up)) > 10';

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() };
}

/** `job namespace service severity` of each firing `TargetDown`, sorted. */
async function targetDownAlerts(alertmanagerUrl: string) {
  const { body } = await getJson(
    `${alertmanagerUrl}/api/v2/alerts?filter=${encodeURIComponent(
      'alertname="TargetDown"',
    )}`,
  );
  return (body as Array<{ labels: Record<string, string> }>)
    .map(
      ({ labels: l }) => `${l.job} ${l.namespace} ${l.service} ${l.severity}`,
    )
    .sort();
}

/** The `job namespace` of each series the rule's expression selects on a Prometheus, sorted. */
async function targetDownSeries(prometheusUrl: string) {
  const { body } = await getJson(
    `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(
      TARGET_DOWN_EXPR,
    )}`,
  );
  return (body.data.result as Array<{ metric: Record<string, string> }>).map(
    ({ metric: m }) => `${m.job} ${m.namespace} ${m.service} warning`,
  );
}

describe('startProdSandbox', () => {
  let prod: Sandbox<EnvironmentUpstream>;
  const devServers: RunningServer[] = [];
  const devServer = async (start: typeof startAlertmanagerServer) => {
    const server = await start({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    devServers.push(server);
    return server.url;
  };

  beforeAll(async () => {
    prod = await startProdSandbox({
      ports: 'free',
      readyAfterMs: 0,
      links: {
        gitlab: 'http://127.0.0.1:8929',
        harbor: 'http://127.0.0.1:8082',
      },
    });
  });
  afterAll(async () => {
    await prod?.close();
    await Promise.all(devServers.map(s => s.close()));
  });

  it('starts only the per-environment upstreams, by default each on its dev port + 10000', () => {
    expect(Object.keys(prod.urls).sort()).toEqual(
      [...ENVIRONMENT_UPSTREAMS].sort(),
    );
    expect(PROD_SANDBOX_PORTS).toMatchObject({
      kubernetes: 16443,
      openbao: 18200,
      alertmanager: 19093,
      argocd: 18081,
      postgres: 15433,
    });
  });

  it('runs the portal with the same least-privilege identities as dev', async () => {
    const secrets = `${prod.urls.kubernetes}/api/v1/namespaces/team-search/secrets`;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    expect(
      (await fetch(secrets, { headers: as(prod.credentials.kubernetesToken) }))
        .status,
    ).toBe(403);
    expect(
      (
        await fetch(secrets, {
          headers: as(prod.adminCredentials.kubernetesToken),
        })
      ).status,
    ).not.toBe(403);
  });

  it('runs some components at other versions than dev, and not faster-whisper', async () => {
    const admin = {
      authorization: `Bearer ${prod.adminCredentials.kubernetesToken}`,
    };
    const { body } = await getJson(
      `${
        prod.urls.kubernetes
      }/apis/apps/v1/deployments?labelSelector=${encodeURIComponent(
        'app.kubernetes.io/name in (kubeai,vllm,faster-whisper,apisix)',
      )}`,
      admin,
    );
    expect(
      Object.fromEntries(
        body.items.map((d: any) => [
          d.metadata.name,
          d.metadata.labels['app.kubernetes.io/version'],
        ]),
      ),
    ).toEqual({ kubeai: '0.13.0', vllm: '0.7.2', apisix: '3.11.0' });
    const dev = Object.fromEntries(
      loadSeed().components.map(c => [c.name, c.version]),
    );
    expect(dev).toMatchObject({
      kubeai: '0.14.0',
      vllm: '0.7.3',
      'faster-whisper': '1.1.0',
      apisix: '3.11.0',
    });
    expect(
      (await getJson(`${prod.urls.grafana}/api/health`)).body.version,
    ).toBe('11.3.2');
  });

  it('has fewer teams and resources than dev', async () => {
    const admin = {
      authorization: `Bearer ${prod.adminCredentials.kubernetesToken}`,
    };
    const models = await getJson(
      `${prod.urls.kubernetes}/apis/kubeai.org/v1/models`,
      admin,
    );
    expect(models.body.items.map((m: any) => m.metadata.name).sort()).toEqual([
      'bge-small-embeddings',
      'llama-3-1-8b-instruct',
    ]);
    const teamMedia = await fetch(
      `${prod.urls.kubernetes}/api/v1/namespaces/team-media`,
      { headers: admin },
    );
    expect(teamMedia.status).toBe(404);
  });

  it('fires TargetDown for KubeAI in prod and for Loki in dev, as the upstream rule finds them', async () => {
    expect(await targetDownAlerts(prod.urls.alertmanager)).toEqual([
      'kubeai runtime-inference kubeai warning',
    ]);
    expect(await targetDownSeries(prod.urls.prometheus)).toEqual(
      await targetDownAlerts(prod.urls.alertmanager),
    );
    const devAlertmanager = await devServer(startAlertmanagerServer);
    const devPrometheus = await devServer(startPrometheusServer);
    expect(await targetDownAlerts(devAlertmanager)).toEqual([
      'loki runtime-monitoring loki warning',
    ]);
    expect(await targetDownSeries(devPrometheus)).toEqual(
      await targetDownAlerts(devAlertmanager),
    );
    const [kubeai] = (
      await getJson(
        `${prod.urls.alertmanager}/api/v2/alerts?filter=${encodeURIComponent(
          'alertname="TargetDown"',
        )}`,
      )
    ).body;
    expect(kubeai.annotations).toEqual({
      summary: 'One or more targets are unreachable.',
      description:
        '50% of the kubeai/kubeai targets in runtime-inference namespace are down.',
    });
  });

  it("points Argo CD's applications at the linked GitLab", async () => {
    const { body } = await getJson(`${prod.urls.argocd}/api/v1/applications`, {
      authorization: `Bearer ${prod.credentials.argocdToken}`,
    });
    expect(body.items.map((a: any) => a.spec.source.repoURL).sort()).toEqual([
      'http://127.0.0.1:8929/assistant-team/support-assistant.git',
      'http://127.0.0.1:8929/search-team/semantic-search.git',
    ]);
  });

  it('refuses an unknown upstream, and a snapshot without the stateful upstreams', async () => {
    await expect(
      startSandbox({
        ports: 'free',
        upstreams: ['kubernetes', 'redis' as any],
      }),
    ).rejects.toThrow("'redis' is not an upstream of the sandbox");
    const alone = await startSandbox({
      ports: 'free',
      upstreams: ['prometheus'],
    });
    try {
      expect(Object.keys(alone.urls)).toEqual(['prometheus']);
      await expect(alone.snapshot()).rejects.toThrow(
        'snapshot() needs kubernetes, openbao, s3, temporal',
      );
    } finally {
      await alone.close();
    }
  });
});
