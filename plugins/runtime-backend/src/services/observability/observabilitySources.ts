import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';

/** Which observability upstream each signal reads, with its title in messages. */
export const OBSERVABILITY_UPSTREAMS = {
  metrics: { upstream: 'prometheus', title: 'Prometheus' },
  alerts: { upstream: 'alertmanager', title: 'Alertmanager' },
  logs: { upstream: 'loki', title: 'Loki' },
  traces: { upstream: 'tempo', title: 'Tempo' },
  dashboards: { upstream: 'grafana', title: 'Grafana' },
} as const;

/** The signals of an observability report. */
export type ObservabilitySignalName = keyof typeof OBSERVABILITY_UPSTREAMS;

/** Whether the environment has the upstream of a signal configured. */
export function hasUpstream(
  clients: RuntimeClientsService,
  environment: string,
  signal: ObservabilitySignalName,
): boolean {
  return clients.has(environment, OBSERVABILITY_UPSTREAMS[signal].upstream);
}
