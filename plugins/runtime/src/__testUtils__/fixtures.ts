import { Entity } from '@backstage/catalog-model';
import {
  RuntimeDeliveryReport,
  RuntimeEnvironmentObservability,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** Reports and entities the component tests render. */
export const fetchedAt = new Date(Date.now() - 30_000).toISOString();

/** An ISO time the given number of minutes ago. */
const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const now = Math.floor(Date.now() / 1000);
const series = (values: number[]): Array<[number, number]> =>
  values.map((v, i) => [now - (values.length - 1 - i) * 60, v]);

/** A service component with Runtime annotations. */
export const serviceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'semantic-search',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'semantic-search',
      'argocd/app-name': 'semantic-search',
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** The observability of one environment with all signals ok. */
export function okEnvironment(
  environment: string,
  overrides: Partial<RuntimeEnvironmentObservability> = {},
): RuntimeEnvironmentObservability {
  return {
    environment,
    health: 'healthy',
    metrics: {
      status: 'ok',
      fetchedAt,
      data: [
        {
          id: 'requestRate',
          title: 'Request rate',
          unit: 'requests/s',
          current: 12.34,
          points: series([10, 11, 12.34]),
        },
        {
          id: 'errorRatio',
          title: 'Error ratio',
          unit: 'ratio',
          current: 0.0125,
          points: series([0.01, 0.02, 0.0125]),
        },
        {
          id: 'latencyP95',
          title: 'Latency p95',
          unit: 'seconds',
          current: 0.245,
          points: series([0.2, 0.3, 0.245]),
        },
        {
          id: 'latencyP50',
          title: 'Latency p50',
          unit: 'seconds',
          current: 0.08,
          points: series([0.07, 0.09, 0.08]),
        },
      ],
    },
    alerts: {
      status: 'ok',
      fetchedAt,
      data: [
        {
          name: 'HighErrorRate',
          severity: 'critical',
          summary: 'Error ratio above 5 %',
          startsAt: minutesAgo(12),
          state: 'active',
          url: 'http://prometheus.test/graph?g0.expr=x',
        },
      ],
    },
    logs: {
      status: 'ok',
      fetchedAt,
      data: [
        {
          timestamp: '2026-11-25T11:58:00.000Z',
          line: 'level=error msg="index shard timeout"',
          labels: { app: 'semantic-search' },
        },
      ],
    },
    traces: {
      status: 'ok',
      fetchedAt,
      data: [
        {
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          rootService: 'semantic-search',
          rootName: 'POST /search',
          startedAt: '2026-11-25T11:57:00.000Z',
          durationMs: 1834,
          url: 'http://grafana.test/explore?trace=4bf92f3577b34da6a3ce929d0e0e4736',
        },
        {
          traceId: '00f067aa0ba902b7',
          rootService: 'semantic-search',
          rootName: 'GET /health',
          startedAt: '2026-11-25T11:56:00.000Z',
          durationMs: 12,
        },
      ],
    },
    dashboards: {
      status: 'ok',
      fetchedAt,
      data: [
        {
          uid: 'svc-red',
          title: 'Service RED',
          url: 'http://grafana.test/d/svc-red',
          folder: 'Services',
          tags: ['semantic-search', 'red'],
        },
      ],
    },
    ...overrides,
  };
}

/** An observability report of a service over one environment. */
export function observabilityReport(
  environments: RuntimeEnvironmentObservability[] = [okEnvironment('dev')],
  profile: RuntimeObservabilityReport['profile'] = 'service',
): RuntimeObservabilityReport {
  return {
    entityRef: 'component:default/semantic-search',
    profile,
    range: {
      start: new Date((now - 3600) * 1000).toISOString(),
      end: new Date(now * 1000).toISOString(),
      stepSeconds: 60,
    },
    environments,
  };
}

/** The vLLM series of an inference endpoint. */
export const inferenceSeries = [
  {
    id: 'timeToFirstTokenP95' as const,
    title: 'Time to first token p95',
    unit: 'seconds' as const,
    current: 0.42,
    points: series([0.4, 0.42]),
  },
  {
    id: 'tokensPerSecond' as const,
    title: 'Tokens per second',
    unit: 'tokens/s' as const,
    current: 85.2,
    points: series([80, 85.2]),
  },
  {
    id: 'requestsWaiting' as const,
    title: 'Waiting requests',
    unit: 'requests' as const,
    current: 3,
    points: series([1, 3]),
  },
  {
    id: 'kvCacheUsage' as const,
    title: 'KV cache usage',
    unit: 'ratio' as const,
    current: 0.63,
    points: series([0.5, 0.63]),
  },
];

/** A delivery report with the three problem cases: OutOfSync/Degraded, a failed pipeline, a critical image. */
export function deliveryReport(
  overrides: Partial<RuntimeDeliveryReport> = {},
): RuntimeDeliveryReport {
  return {
    entityRef: 'component:default/semantic-search',
    deployments: [
      {
        environment: 'dev',
        status: 'ok',
        fetchedAt,
        data: [
          {
            application: 'semantic-search-dev',
            syncStatus: 'OutOfSync',
            healthStatus: 'Degraded',
            revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
            targetRevision: 'main',
            lastSync: {
              phase: 'Failed',
              finishedAt: minutesAgo(30),
              message: 'one or more objects failed to apply',
            },
            history: [
              {
                id: 2,
                revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
                deployedAt: minutesAgo(30),
              },
              {
                id: 1,
                revision: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
                deployedAt: minutesAgo(300),
              },
            ],
            url: 'http://argocd.test/applications/semantic-search-dev',
          },
        ],
      },
    ],
    pipelines: {
      status: 'ok',
      fetchedAt,
      data: {
        project: 'team-a/semantic-search',
        defaultBranch: 'main',
        webUrl: 'http://gitlab.test/team-a/semantic-search',
        pipelines: [
          {
            id: 41,
            ref: 'feature/x',
            sha: 'ffffeeee0000111122223333444455556666aaaa',
            status: 'success',
            createdAt: minutesAgo(10),
            durationSeconds: 100,
            author: 'bob',
            webUrl: 'http://gitlab.test/team-a/semantic-search/-/pipelines/41',
          },
          {
            id: 40,
            ref: 'main',
            sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
            status: 'failed',
            createdAt: minutesAgo(40),
            durationSeconds: 185,
            author: 'alice',
            webUrl: 'http://gitlab.test/team-a/semantic-search/-/pipelines/40',
          },
        ],
      },
    },
    images: {
      status: 'ok',
      fetchedAt,
      data: {
        repository: 'team-a/semantic-search',
        images: [
          {
            digest:
              'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
            tags: ['a1b2c3d4', 'latest'],
            pushedAt: minutesAgo(35),
            vulnerabilities: {
              scanStatus: 'Success',
              severity: 'Critical',
              critical: 2,
              high: 5,
              medium: 7,
              low: 1,
              total: 15,
            },
            url: 'http://harbor.test/harbor/projects/1/repositories/semantic-search/artifacts-tab/artifacts/sha256:0123',
          },
        ],
      },
    },
    ...overrides,
  };
}
