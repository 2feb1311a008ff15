import { RuntimeFiringAlert } from '@runtime-portal/backstage-plugin-runtime-common';
import type { SignalContext } from '../ObservabilityService';
import { ObservabilityTarget } from '../../entities/observabilityTarget';

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

/** Alerts firing for the target: Alertmanager alerts whose `namespace` and `service` labels match. */
export const loadAlerts = {
  missing: (target: ObservabilityTarget) =>
    target.service
      ? undefined
      : 'Alerts need the backstage.io/kubernetes-id annotation (the service label of its alerts)',
  key: ({ target }: Pick<SignalContext, 'target'>) =>
    `${target.namespace ?? ''}/${target.service}`,
  async load(ctx: SignalContext): Promise<RuntimeFiringAlert[]> {
    const { target } = ctx;
    const filter: Record<string, string> = { service: target.service! };
    if (target.namespace) filter.namespace = target.namespace;
    const alerts = await ctx.clients
      .client(ctx.environment, 'alertmanager')
      .listAlerts({
        filter,
        active: true,
        silenced: false,
        inhibited: false,
        signal: ctx.signal,
      });
    return alerts
      .map(alert => ({
        name: alert.labels.alertname ?? 'unnamed',
        severity: alert.labels.severity ?? 'none',
        summary: alert.annotations.summary,
        description: alert.annotations.description,
        startsAt: alert.startsAt.toISOString(),
        state: alert.state,
        url: alert.generatorURL || undefined,
      }))
      .sort(
        (a, b) =>
          rank(a.severity) - rank(b.severity) ||
          a.startsAt.localeCompare(b.startsAt),
      );
  },
};

function rank(severity: string): number {
  const index = SEVERITY_ORDER.indexOf(severity);
  return index < 0 ? SEVERITY_ORDER.length : index;
}
