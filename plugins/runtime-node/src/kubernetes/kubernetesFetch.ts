import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that sends requests through `@kubernetes/client-node`'s transport: the KubeConfig
 * applies the bearer token (re-read from the token file for in-cluster access), the CA or
 * `skipTLSVerify`, and proxies, exactly as client-node's own API classes do. The shared
 * {@link HttpUpstreamClient} then adds timeouts, cancellation, safe retries and error mapping.
 *
 * client-node builds a new connection pool (undici dispatcher) for every request; the first one is
 * kept and reused so that requests share connections (TLS settings are therefore read once per
 * client; the token is still applied per request).
 */
export function kubernetesFetch(kubeConfig: KubeConfig): typeof fetch {
  const transport = new IsomorphicFetchHttpLibrary();
  let dispatcher: ReturnType<RequestContext['getDispatcher']>;

  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    const context = new RequestContext(
      url,
      (init.method ?? 'GET').toUpperCase() as HttpMethod,
    );
    new Headers(init.headers).forEach((value, key) =>
      context.setHeaderParam(key, value),
    );
    if (typeof init.body === 'string') context.setBody(init.body);
    await kubeConfig.applySecurityAuthentication(context);
    if (context.getDispatcher()) {
      dispatcher ??= context.getDispatcher();
      context.setDispatcher(dispatcher!);
    }
    if (init.signal) context.setSignal(init.signal);

    const response = await transport.send(context).toPromise();
    // The body stays a stream: the shared reader counts it against the limit and reports a cut-off.
    const body = NULL_BODY_STATUSES.has(response.httpStatusCode)
      ? null
      : (response.body.stream() as ReadableStream<Uint8Array>);
    return new Response(body, {
      status: response.httpStatusCode,
      headers: response.headers,
    });
  };
}
