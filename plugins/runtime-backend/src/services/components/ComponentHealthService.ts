import {
  RUNTIME_COMPONENTS,
  RuntimeComponentDashboard,
  RuntimeComponentTargets,
  RuntimeComponentsHealth,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';
import { SignalReader } from '../signals/SignalReader';

/** `up` of every runtime component's scrape targets, one instant query per environment. */
const UP_QUERY = `up{job=~"${RUNTIME_COMPONENTS.map(c => c.id).join('|')}"}`;
const TTL_MS = 30_000;
const DASHBOARDS_TTL_MS = 300_000;
const COMPONENT_IDS = new Set(RUNTIME_COMPONENTS.map(c => c.id));
const TIMEOUT_MS = 5_000;

/**
 * Whether the runtime components answer their scrapes (Prometheus `up`), per environment (the half of
 * their health that workload readiness in the catalog does not tell), and their Grafana dashboards.
 */
export class ComponentHealthService {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      reader: SignalReader;
    },
  ) {}

  /** Every configured environment's component targets and dashboards. */
  async health(): Promise<RuntimeComponentsHealth> {
    return {
      environments: await Promise.all(
        this.options.clients.environments().map(async ({ name }) => {
          const [targets, dashboards] = await Promise.all([
            this.targets(name),
            this.dashboards(name),
          ]);
          return { environment: name, targets, dashboards };
        }),
      ),
    };
  }

  private targets(
    environment: string,
  ): Promise<RuntimeSignal<RuntimeComponentTargets[]>> {
    const { clients, reader } = this.options;
    if (!clients.has(environment, 'prometheus')) {
      return Promise.resolve(
        SignalReader.notConfigured(
          `Prometheus is not configured for ${environment} (runtime.environments[].prometheus)`,
        ),
      );
    }
    const prometheus = clients.client(environment, 'prometheus');
    return reader.read({
      key: `${environment}:components-up`,
      ttlMs: TTL_MS,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Prometheus',
      load: async signal => {
        const answer = await prometheus.query(UP_QUERY, { signal });
        return answer.resultType === 'vector'
          ? countTargets(answer.result)
          : [];
      },
    });
  }

  private dashboards(
    environment: string,
  ): Promise<RuntimeSignal<RuntimeComponentDashboard[]>> {
    const { clients, reader } = this.options;
    if (!clients.has(environment, 'grafana')) {
      return Promise.resolve(
        SignalReader.notConfigured(
          `Grafana is not configured for ${environment} (runtime.environments[].grafana)`,
        ),
      );
    }
    const grafana = clients.client(environment, 'grafana');
    return reader.read({
      key: `${environment}:components-dashboards`,
      ttlMs: DASHBOARDS_TTL_MS,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Grafana',
      load: async signal => {
        const dashboards = await grafana.searchDashboards({
          tags: ['runtime'],
          signal,
        });
        return dashboards.flatMap(d =>
          d.tags
            .filter(tag => COMPONENT_IDS.has(tag))
            .map(component => ({ component, title: d.title, url: d.url })),
        );
      },
    });
  }
}

function countTargets(
  samples: Array<{ metric: Record<string, string>; value: [number, number] }>,
): RuntimeComponentTargets[] {
  const byComponent = new Map<string, RuntimeComponentTargets>();
  for (const { metric, value } of samples) {
    const component = metric.job;
    const entry = byComponent.get(component) ?? {
      component,
      up: 0,
      targets: 0,
    };
    entry.targets += 1;
    if (value[1] === 1) entry.up += 1;
    byComponent.set(component, entry);
  }
  return [...byComponent.values()].sort((a, b) =>
    a.component.localeCompare(b.component),
  );
}
