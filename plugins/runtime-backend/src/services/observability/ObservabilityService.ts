import {
  RuntimeDashboardLink,
  RuntimeFiringAlert,
  RuntimeLogLine,
  RuntimeMetricSeries,
  RuntimeTraceSummary,
  RuntimeEnvironmentObservability,
  RuntimeHealthState,
  RuntimeObservabilityRange,
  RuntimeObservabilityReport,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';
import { SignalReader } from '../signals/SignalReader';
import {
  ObservabilitySubject,
  ObservabilityTarget,
} from '../entities/observabilityTarget';
import { EntityOwnership } from '../entities/entityOwnership';
import { TargetAccess } from '../entities/TargetAccess';
import { targetInEnvironment } from '../entities/runtimeComponentTarget';
import { timeWindow, TimeWindow } from './timeRange';
import {
  OBSERVABILITY_UPSTREAMS,
  ObservabilitySignalName,
  hasUpstream,
} from './observabilitySources';
import { ObservabilitySettings } from './observabilitySettings';
import { loadMetrics } from './signals/metrics';
import { loadAlerts } from './signals/alerts';
import { loadLogs } from './signals/logs';
import { loadTraces } from './signals/traces';
import { loadDashboards } from './signals/dashboards';
import { ExtraSignals } from './extraSignals/ExtraSignals';

/** What a signal loader is given. */
export interface SignalContext {
  clients: RuntimeClientsService;
  environment: string;
  target: ObservabilityTarget;
  window: TimeWindow;
  settings: ObservabilitySettings;
  signal: AbortSignal;
}

type Loader<T> = {
  /** Why the signal cannot be read for this target, if it cannot. */
  missing: (target: ObservabilityTarget) => string | undefined;
  /** What of the target and window the answer depends on (the cache key). */
  key: (ctx: Omit<SignalContext, 'signal' | 'clients'>) => string;
  load: (ctx: SignalContext) => Promise<T>;
};

/** The data of each signal. */
type SignalData = {
  metrics: RuntimeMetricSeries[];
  alerts: RuntimeFiringAlert[];
  logs: RuntimeLogLine[];
  traces: RuntimeTraceSummary[];
  dashboards: RuntimeDashboardLink[];
};

/**
 * The signals that read a Kubernetes service's data: they are read only when its namespace belongs to
 * the entity's owner. Dashboards are chosen by tags, not by a team's target.
 */
const OF_NAMESPACE: Record<ObservabilitySignalName, boolean> = {
  metrics: true,
  alerts: true,
  logs: true,
  traces: true,
  dashboards: false,
};

const LOADERS: { [S in ObservabilitySignalName]: Loader<SignalData[S]> } = {
  metrics: loadMetrics,
  alerts: loadAlerts,
  logs: loadLogs,
  traces: loadTraces,
  dashboards: loadDashboards,
};

/**
 * The observability report of an entity: per configured environment, its metrics, alerts, logs,
 * traces and dashboards, and the signals adopters' modules added, each read concurrently within its
 * own budget, cached and coalesced. A service's signals are read only when its namespace belongs to
 * the entity's owner (`TargetAccess`); otherwise they say whose it is.
 */
export class ObservabilityService {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      reader: SignalReader;
      settings: ObservabilitySettings;
      targets: TargetAccess;
      /** The signals adopters' modules added. */
      extraSignals: ExtraSignals;
    },
  ) {}

  /**
   * The report of an entity (as the caller read it from the catalog) and its target over a range
   * ending now.
   */
  async report(
    subject: ObservabilitySubject,
    range: RuntimeObservabilityRange,
  ): Promise<RuntimeObservabilityReport> {
    const { ownership, target } = subject;
    const window = timeWindow(range);
    const environments = this.options.clients
      .environments()
      .map(e => e.name)
      .filter(name => !target.environment || target.environment === name);
    return {
      entityRef: ownership.entityRef,
      profile: target.profile,
      range: {
        start: new Date(window.start * 1000).toISOString(),
        end: new Date(window.end * 1000).toISOString(),
        stepSeconds: window.stepSeconds,
      },
      environments: await Promise.all(
        environments.map(environment =>
          this.environmentReport(environment, subject, window),
        ),
      ),
    };
  }

  /**
   * The firing alerts of one entity in one environment, through the same checks, budget and cache as
   * the alerts of its report (a runtime component not installed there is `not-configured`).
   */
  async alerts(
    subject: ObservabilitySubject,
    environment: string,
  ): Promise<RuntimeSignal<RuntimeFiringAlert[]>> {
    const located = targetInEnvironment(subject.target, environment);
    if ('missing' in located) {
      return SignalReader.notConfigured(located.missing);
    }
    const refusal = await this.namespaceRefusal(
      environment,
      located.target,
      subject.ownership,
    );
    return this.signal(
      'alerts',
      environment,
      located.target,
      timeWindow('15m'),
      refusal,
    );
  }

  private async environmentReport(
    environment: string,
    subject: ObservabilitySubject,
    window: TimeWindow,
  ): Promise<RuntimeEnvironmentObservability> {
    const located = targetInEnvironment(subject.target, environment);
    const target = 'target' in located ? located.target : subject.target;
    const refusal =
      'target' in located
        ? await this.namespaceRefusal(environment, target, subject.ownership)
        : undefined;
    const read = <S extends ObservabilitySignalName>(name: S) =>
      'missing' in located
        ? Promise.resolve(
            SignalReader.notConfigured<SignalData[S]>(located.missing),
          )
        : this.signal(name, environment, target, window, refusal);
    const [metrics, alerts, logs, traces, dashboards, extraSignals] =
      await Promise.all([
        read('metrics'),
        read('alerts'),
        read('logs'),
        read('traces'),
        read('dashboards'),
        this.options.extraSignals.read(environment, {
          ...subject,
          target,
          window,
          refusal,
          missing: 'missing' in located ? located.missing : undefined,
        }),
      ]);
    return {
      environment,
      health: healthOf(metrics, alerts, this.options.settings),
      metrics,
      alerts,
      logs,
      traces,
      dashboards,
      extraSignals,
    };
  }

  /**
   * Why the entity may not read its service's signals in `environment`: its namespace belongs to
   * another team, or it names none (the service name alone could be any team's). A runtime
   * component's namespace is refused when a team other than its owner holds it.
   */
  private async namespaceRefusal(
    environment: string,
    target: ObservabilityTarget,
    entity: EntityOwnership,
  ): Promise<string | undefined> {
    if (target.runtimeComponent && target.namespace) {
      return this.options.targets.foreignRefusal(entity, {
        kind: 'namespace',
        environment,
        namespace: target.namespace,
      });
    }
    if (entity.trusted || !target.service) return undefined;
    if (!target.namespace) {
      return `Not allowed: ${entity.entityRef} names no backstage.io/kubernetes-namespace, so service ${target.service} could be any team's`;
    }
    return this.options.targets.refusal(entity, {
      kind: 'namespace',
      environment,
      namespace: target.namespace,
    });
  }

  private signal<S extends ObservabilitySignalName>(
    name: S,
    environment: string,
    target: ObservabilityTarget,
    window: TimeWindow,
    refusal: string | undefined,
  ): Promise<RuntimeSignal<SignalData[S]>> {
    type T = SignalData[S];
    const { clients, reader, settings } = this.options;
    const upstream = OBSERVABILITY_UPSTREAMS[name];
    if (!hasUpstream(clients, environment, name)) {
      return Promise.resolve(
        SignalReader.notConfigured(
          `${upstream.title} is not configured for ${environment} (runtime.environments[].${upstream.upstream})`,
        ),
      );
    }
    const loader = LOADERS[name] as unknown as Loader<T>;
    const missing = loader.missing(target);
    if (missing) return Promise.resolve(SignalReader.notConfigured(missing));
    if (refusal && OF_NAMESPACE[name]) {
      return Promise.resolve(SignalReader.notAllowed(refusal));
    }
    const keyContext = { environment, target, window, settings };
    return reader.read<T>({
      key: `${environment}:${name}:${loader.key(keyContext)}`,
      ttlMs: settings.ttlMs[name],
      timeoutMs: settings.timeoutMs,
      upstreamTitle: upstream.title,
      load: signal => loader.load({ ...keyContext, clients, signal }),
    });
  }
}

function healthOf(
  metrics: RuntimeSignal<RuntimeMetricSeries[]>,
  alerts: RuntimeSignal<RuntimeFiringAlert[]>,
  settings: ObservabilitySettings,
): RuntimeHealthState {
  const critical = (alerts.data ?? []).some(
    a => a.state === 'active' && a.severity === 'critical',
  );
  const errorRatio = metrics.data?.find(m => m.id === 'errorRatio')?.current;
  if (
    critical ||
    (errorRatio !== undefined && errorRatio > settings.errorRatioThreshold)
  ) {
    return 'degraded';
  }
  // Healthy only on evidence: traffic that can be measured, and alerts that could be read.
  const measured = (metrics.data ?? []).some(m => m.current !== undefined);
  return measured && alerts.status === 'ok' ? 'healthy' : 'unknown';
}
