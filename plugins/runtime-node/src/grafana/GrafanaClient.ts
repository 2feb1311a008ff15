import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
  parseTextError,
} from '../http';
import { ObservabilityCallOptions } from '../alertmanager/types';

/**
 * A Grafana dashboard with an absolute link.
 *
 * @public
 */
export interface GrafanaDashboard {
  uid: string;
  title: string;
  /** Absolute URL in Grafana's UI. */
  url: string;
  tags: string[];
  folderTitle?: string;
}

type SearchHit = {
  uid: string;
  title: string;
  url: string;
  type?: string;
  tags?: string[];
  folderTitle?: string;
};

/**
 * A typed client for one environment's Grafana, authenticated with a service-account token: finds
 * dashboards by tags (`GET /api/search?type=dash-db&tag=...`). Every failure is a
 * {@link RuntimeUpstreamError} of the `grafana` upstream.
 *
 * @public
 */
export class GrafanaClient {
  private readonly http: HttpUpstreamClient;
  private readonly uiUrl: string;

  constructor(options: HttpServiceClientOptions) {
    const { access } = options;
    this.uiUrl = (access.uiUrl ?? access.url).replace(/\/+$/, '');
    this.http = httpServiceClient('grafana', options, {
      parseError: parseTextError,
    });
  }

  /** The dashboards that carry every one of the tags (and whose title contains `query`), with absolute URLs. */
  async searchDashboards(
    request: ObservabilityCallOptions & { tags: string[]; query?: string },
  ): Promise<GrafanaDashboard[]> {
    const query = new URLSearchParams({ type: 'dash-db' });
    for (const tag of request.tags) query.append('tag', tag);
    if (request.query) query.set('query', request.query);
    const { body } = await this.http.request<SearchHit[]>({
      operation: `search dashboards tagged ${
        request.tags.join(', ') || '(any)'
      }`,
      path: `/api/search?${query}`,
      signal: request.signal,
    });
    return (body ?? [])
      .filter(hit => (hit.type ?? 'dash-db') === 'dash-db')
      .map(hit => ({
        uid: hit.uid,
        title: hit.title,
        url: /^https?:\/\//.test(hit.url)
          ? hit.url
          : `${this.uiUrl}${hit.url.startsWith('/') ? '' : '/'}${hit.url}`,
        tags: hit.tags ?? [],
        folderTitle: hit.folderTitle || undefined,
      }));
  }
}
