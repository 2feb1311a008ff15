import { HttpServiceAccess } from '../config';
import { RuntimeUpstream } from '../errors';
import { HttpUpstreamClient, ParsedUpstreamError } from './HttpUpstreamClient';
import { httpServiceHeaders } from './httpServiceHeaders';

/**
 * What every client of a plain HTTP upstream is made from.
 *
 * @public
 */
export interface HttpServiceClientOptions {
  environment: string;
  access: HttpServiceAccess;
  /** Replaces the global fetch, for tests. */
  fetch?: typeof fetch;
}

/**
 * The {@link HttpUpstreamClient} of a plain HTTP upstream: its URL (plus `basePath`), timeout and
 * credentials from the access config (bearer token or basic auth unless `headers` says otherwise),
 * and the upstream's own error reader.
 *
 * @public
 */
export function httpServiceClient(
  upstream: RuntimeUpstream,
  options: HttpServiceClientOptions,
  how: {
    parseError: (status: number, body: unknown) => ParsedUpstreamError;
    basePath?: string;
    headers?: (access: HttpServiceAccess) => Record<string, string>;
  },
): HttpUpstreamClient {
  const { access } = options;
  const headers = how.headers ?? httpServiceHeaders;
  return new HttpUpstreamClient({
    upstream,
    environment: options.environment,
    baseUrl: `${access.url.replace(/\/+$/, '')}${how.basePath ?? ''}`,
    timeoutMs: access.timeoutMs,
    maxResponseBytes: access.maxResponseBytes,
    headers: () => headers(access),
    parseError: how.parseError,
    fetch: options.fetch,
  });
}
