import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
  parseTextError,
} from '../http';
import { ListAlertsRequest, RuntimeAlert } from './types';

type GettableAlert = {
  fingerprint: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  receivers?: Array<{ name: string }>;
  status?: {
    state?: RuntimeAlert['state'];
    silencedBy?: string[];
    inhibitedBy?: string[];
  };
};

/**
 * An equality matcher of Alertmanager's `filter` parameter, the value quoted and escaped as
 * `labels.ParseMatcher` reads it.
 *
 * @public
 */
export function alertmanagerEqualityMatcher(
  name: string,
  value: string,
): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
  return `${name}="${escaped}"`;
}

/**
 * A typed client for one environment's Alertmanager (API v2): lists alerts with label filters. Every
 * failure is a {@link RuntimeUpstreamError} of the `alertmanager` upstream.
 *
 * @public
 */
export class AlertmanagerClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('alertmanager', options, {
      parseError: parseTextError,
    });
  }

  /**
   * The alerts that are not resolved and whose labels equal every `filter` entry
   * (`GET /api/v2/alerts`), sorted by fingerprint as Alertmanager answers.
   */
  async listAlerts(request: ListAlertsRequest = {}): Promise<RuntimeAlert[]> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.filter ?? {})) {
      query.append('filter', alertmanagerEqualityMatcher(name, value));
    }
    for (const flag of ['active', 'silenced', 'inhibited'] as const) {
      if (request[flag] !== undefined) query.set(flag, String(request[flag]));
    }
    const search = query.toString();
    const { body } = await this.http.request<GettableAlert[]>({
      operation: 'list alerts',
      path: `/api/v2/alerts${search ? `?${search}` : ''}`,
      signal: request.signal,
    });
    return (body ?? []).map(alert => ({
      fingerprint: alert.fingerprint,
      labels: alert.labels ?? {},
      annotations: alert.annotations ?? {},
      startsAt: new Date(alert.startsAt),
      endsAt: new Date(alert.endsAt),
      updatedAt: new Date(alert.updatedAt),
      generatorURL: alert.generatorURL || undefined,
      receivers: (alert.receivers ?? []).map(receiver => receiver.name),
      state: alert.status?.state ?? 'unprocessed',
      silencedBy: alert.status?.silencedBy ?? [],
      inhibitedBy: alert.status?.inhibitedBy ?? [],
    }));
  }
}
