/**
 * Options of every Alertmanager, Loki, Tempo and Grafana client call.
 *
 * @public
 */
export interface ObservabilityCallOptions {
  signal?: AbortSignal;
}

/**
 * An alert as Alertmanager holds it.
 *
 * @public
 */
export interface RuntimeAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  generatorURL?: string;
  receivers: string[];
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  inhibitedBy: string[];
}

/**
 * Which alerts to list: label equality matchers and the states to include (Alertmanager's defaults
 * include every state).
 *
 * @public
 */
export interface ListAlertsRequest extends ObservabilityCallOptions {
  /** Label equality matchers, e.g. `{ namespace: 'team-a', service: 'orders' }`. */
  filter?: Record<string, string>;
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
}
