import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
} from '../http';
import {
  ACCEPT_VULNERABILITIES,
  ArtifactJson,
  toArtifact,
} from './artifactJson';
import { parseHarborError } from './parseHarborError';
import { HarborArtifact, HarborCallOptions } from './types';

/** Harbor refuses a larger page (422). */
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_MAX_PAGES = 5;

/**
 * A typed client for one environment's Harbor API v2.0, authenticated as a robot account (basic
 * auth): a repository's artifacts with tags and vulnerability scan summaries, newest first, paged.
 * Every failure is a {@link RuntimeUpstreamError} of the `harbor` upstream.
 *
 * @public
 */
export class HarborClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('harbor', options, {
      parseError: parseHarborError,
      basePath: '/api/v2.0',
    });
  }

  /**
   * The artifacts of `project/repository` (a repository name may contain `/`; it is encoded twice as
   * Harbor requires), newest first, reading up to `maxPages` pages of `pageSize` (at most 100).
   * An unknown repository is an empty list; an unknown project (or one the robot may not read)
   * fails with reason `Forbidden`.
   */
  async listArtifacts(
    project: string,
    repository: string,
    options?: HarborCallOptions & {
      pageSize?: number;
      maxPages?: number;
      /** Harbor's `q`, e.g. `tags=1.2.0`. */
      q?: string;
    },
  ): Promise<HarborArtifact[]> {
    const pageSize = Math.min(
      Math.max(1, options?.pageSize ?? DEFAULT_PAGE_SIZE),
      MAX_PAGE_SIZE,
    );
    const maxPages = Math.max(1, options?.maxPages ?? DEFAULT_MAX_PAGES);
    const path = `/projects/${encodeURIComponent(
      project,
    )}/repositories/${encodeURIComponent(
      encodeURIComponent(repository),
    )}/artifacts`;
    const artifacts: HarborArtifact[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const { body, headers } = await this.http.request<ArtifactJson[]>({
        operation: `list artifacts of ${project}/${repository}`,
        path,
        query: {
          page,
          page_size: pageSize,
          with_tag: true,
          with_scan_overview: true,
          q: options?.q,
        },
        // The report types the scan overview may be keyed by, the preferred one first.
        headers: { 'x-accept-vulnerabilities': ACCEPT_VULNERABILITIES },
        signal: options?.signal,
      });
      const items = Array.isArray(body) ? body : [];
      artifacts.push(...items.map(toArtifact));
      const total = Number.parseInt(headers.get('x-total-count') ?? '', 10);
      const more = Number.isInteger(total)
        ? page * pageSize < total
        : /rel="next"/.test(headers.get('link') ?? '');
      if (!more || items.length === 0) break;
    }
    return artifacts;
  }
}
