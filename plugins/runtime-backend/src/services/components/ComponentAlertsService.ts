import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RuntimeComponentAlerts,
  RuntimeComponentAlertsProblem,
  RuntimeComponentAlertsReport,
  RuntimeEnvironmentComponentAlerts,
  RuntimeFiringAlert,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';
import { entityOwnership } from '../entities/entityOwnership';
import { observabilityTarget } from '../entities/observabilityTarget';
import {
  RUNTIME_COMPONENT_TYPE,
  isProviderRuntimeComponent,
} from '../entities/runtimeComponentTarget';
import { ObservabilityService } from '../observability/ObservabilityService';
import { SignalReader } from '../signals/SignalReader';

/** What of a component entity the report needs. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
];

interface ComponentRead {
  entity: Entity;
  namespace: string;
  signal: RuntimeSignal<RuntimeFiringAlert[]>;
}

/**
 * The firing alerts of every runtime component, per environment: the components are read from the
 * catalog with the caller's credentials, and each component's alerts through the observability
 * report's own alerts signal (same namespace checks, budget and cache, shared with its page). One
 * environment's Alertmanager down makes that environment `unavailable`, not the answer.
 */
export class ComponentAlertsService {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      catalog: CatalogService;
      observability: ObservabilityService;
    },
  ) {}

  /** The report for a caller. */
  async report(
    credentials: BackstageCredentials,
  ): Promise<RuntimeComponentAlertsReport> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Component', 'spec.type': RUNTIME_COMPONENT_TYPE },
        fields: FIELDS,
      },
      { credentials },
    );
    const components = items
      .filter(isProviderRuntimeComponent)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    return {
      environments: await Promise.all(
        this.options.clients
          .environments()
          .map(({ name }) => this.environment(name, components)),
      ),
    };
  }

  private async environment(
    environment: string,
    components: Entity[],
  ): Promise<RuntimeEnvironmentComponentAlerts> {
    if (!this.options.clients.has(environment, 'alertmanager')) {
      return {
        environment,
        alerts: SignalReader.notConfigured(
          `Alertmanager is not configured for ${environment} (runtime.environments[].alertmanager)`,
        ),
        problems: [],
      };
    }
    const reads: ComponentRead[] = [];
    await Promise.all(
      components.map(async entity => {
        const target = observabilityTarget(entity);
        const namespace = target.runtimeComponent?.namespaces[environment];
        if (!namespace) return; // not installed there: nothing can fire
        const signal = await this.options.observability.alerts(
          { entity, ownership: entityOwnership(entity), target },
          environment,
        );
        reads.push({ entity, namespace, signal });
      }),
    );
    return summarize(environment, reads);
  }
}

/** One environment's answer from its components' reads. */
function summarize(
  environment: string,
  reads: ComponentRead[],
): RuntimeEnvironmentComponentAlerts {
  const ok = reads.filter(r => r.signal.status === 'ok');
  const failed = reads.filter(r => r.signal.status !== 'ok');
  const oldest = reads
    .map(r => r.signal.fetchedAt)
    .sort()
    .at(0);
  if (reads.length > 0 && ok.length === 0) {
    const unavailable = failed.find(r => r.signal.status === 'unavailable');
    if (unavailable) {
      return {
        environment,
        alerts: {
          status: 'unavailable',
          message: unavailable.signal.message,
          fetchedAt: oldest!,
        },
        problems: failed
          .filter(r => r.signal.status !== 'unavailable')
          .map(problem),
      };
    }
  }
  const firing: RuntimeComponentAlerts[] = ok
    .filter(r => r.signal.data?.length)
    .map(r => ({
      entityRef: entityOwnership(r.entity).entityRef,
      component: r.entity.metadata.name,
      title: r.entity.metadata.title,
      namespace: r.namespace,
      alerts: r.signal.data!,
    }))
    .sort((a, b) => a.component.localeCompare(b.component));
  return {
    environment,
    alerts: {
      status: 'ok',
      data: firing,
      fetchedAt: oldest ?? new Date().toISOString(),
    },
    problems: failed.map(problem),
  };
}

function problem(read: ComponentRead): RuntimeComponentAlertsProblem {
  return {
    entityRef: entityOwnership(read.entity).entityRef,
    component: read.entity.metadata.name,
    status: read.signal.status,
    message: read.signal.message,
  };
}
