import {
  RuntimeUpstream,
  RuntimeUpstreamError,
  RuntimeUpstreamErrorReason,
  reasonForStatus,
} from '../errors';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  readUpstreamBody,
} from './readUpstreamBody';
import { sleep, withTimeout } from './timeouts';

/**
 * What an upstream's error body says, once parsed by the upstream's own client.
 *
 * @public
 */
export interface ParsedUpstreamError {
  reason?: RuntimeUpstreamErrorReason;
  detail?: string;
}

/**
 * How to reach one HTTP upstream.
 *
 * @public
 */
export interface HttpUpstreamClientOptions {
  upstream: RuntimeUpstream;
  environment: string;
  /** Base URL; request paths are appended to it. */
  baseUrl: string;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs: number;
  /** The largest answer body accepted, in bytes. Defaults to {@link DEFAULT_MAX_RESPONSE_BYTES}. */
  maxResponseBytes?: number;
  /** How many times a safe request is retried after a transient failure. Defaults to 2. */
  retries?: number;
  /** Headers sent with every request (credentials live here and nowhere else). */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Reads the upstream's own error format. */
  parseError?: (status: number, body: unknown) => ParsedUpstreamError;
  /** Replaces the global fetch, for tests. */
  fetch?: typeof fetch;
}

/**
 * One request to an HTTP upstream.
 *
 * @public
 */
export interface HttpUpstreamRequest {
  /** What the caller is doing, used in errors, e.g. `write secret team-a/db`. */
  operation: string;
  method?: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Whether the request may be sent again after a transient failure. Defaults to true for GET, HEAD
   * and LIST, false otherwise.
   */
  idempotent?: boolean;
  /** Statuses that are answers rather than failures (e.g. 404 on an existence check). */
  acceptStatus?: number[];
}

/**
 * An answer from an HTTP upstream.
 *
 * @public
 */
export interface HttpUpstreamResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'LIST']);
/** Statuses whose answers have no body by definition. */
const NO_BODY_STATUSES = new Set([204, 205, 304]);
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/**
 * A small typed core for JSON HTTP upstreams: timeouts, cancellation, retries of safe requests only,
 * and errors that name the upstream and the operation. A successful answer's body is read whole
 * (up to `maxResponseBytes`) and must be JSON: a body that is cut off, too large or not JSON is an
 * error, never an empty answer.
 *
 * @public
 */
export class HttpUpstreamClient {
  private readonly options: HttpUpstreamClientOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpUpstreamClientOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Sends the request and parses a JSON answer; throws {@link RuntimeUpstreamError} on failure. */
  async request<T = unknown>(
    request: HttpUpstreamRequest,
  ): Promise<HttpUpstreamResponse<T>> {
    const method = (request.method ?? 'GET').toUpperCase();
    const idempotent = request.idempotent ?? SAFE_METHODS.has(method);
    const attempts = 1 + (idempotent ? this.options.retries ?? 2 : 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt<T>(method, request);
      } catch (error) {
        const retry =
          attempt < attempts &&
          error instanceof RuntimeUpstreamError &&
          isTransient(error) &&
          !request.signal?.aborted;
        if (!retry) throw error;
      }
      await sleep(100 * 2 ** (attempt - 1), request.signal).catch(() => {
        throw this.error(request, 'Aborted', undefined, 'cancelled');
      });
    }
  }

  private async attempt<T>(
    method: string,
    request: HttpUpstreamRequest,
  ): Promise<HttpUpstreamResponse<T>> {
    const url = this.url(request);
    const signal = withTimeout(this.options.timeoutMs, request.signal);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(await this.options.headers?.()),
      ...request.headers,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }

    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, body, signal });
    } catch (error) {
      if (request.signal?.aborted) {
        throw this.error(request, 'Aborted', undefined, 'cancelled', error);
      }
      if (signal.aborted) {
        throw this.error(
          request,
          'Timeout',
          undefined,
          `no answer within ${this.options.timeoutMs} ms`,
          error,
        );
      }
      throw this.error(
        request,
        'Unavailable',
        undefined,
        `cannot reach ${new URL(url).host}`,
        error,
      );
    }

    const text = await readUpstreamBody(response, {
      upstream: this.options.upstream,
      environment: this.options.environment,
      operation: request.operation,
      maxBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      signal,
      callerSignal: request.signal,
      timeoutMs: this.options.timeoutMs,
    });
    if (response.ok || request.acceptStatus?.includes(response.status)) {
      return {
        status: response.status,
        headers: response.headers,
        body: (response.ok
          ? this.successBody(method, request, response.status, text)
          : parseJson(text)) as T,
      };
    }
    const parsed = parseJson(text);
    const fromBody = this.options.parseError?.(response.status, parsed) ?? {};
    throw this.error(
      request,
      fromBody.reason ?? reasonForStatus(response.status),
      response.status,
      fromBody.detail ??
        (typeof parsed === 'string' ? parsed.slice(0, 200) : undefined),
    );
  }

  /**
   * The JSON document of a successful answer: undefined only when the answer has no body by
   * definition (204, 205, 304, HEAD) or a write answered with an empty one; anything else that is not
   * JSON (an empty read answer, a body cut off where the upstream closes the connection) is an error.
   */
  private successBody(
    method: string,
    request: HttpUpstreamRequest,
    status: number,
    text: string,
  ): unknown {
    if (NO_BODY_STATUSES.has(status) || method === 'HEAD') return undefined;
    if (!text.trim()) {
      if (!SAFE_METHODS.has(method)) return undefined;
      throw this.error(
        request,
        'Malformed',
        status,
        'the answer is empty where a JSON document was expected',
      );
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.error(
        request,
        'Malformed',
        status,
        `the answer (${text.length} characters) is not a complete JSON document`,
        error,
      );
    }
  }

  private url(request: HttpUpstreamRequest): string {
    const url = new URL(`${this.options.baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private error(
    request: HttpUpstreamRequest,
    reason: RuntimeUpstreamErrorReason,
    status: number | undefined,
    detail: string | undefined,
    cause?: unknown,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: this.options.upstream,
      environment: this.options.environment,
      operation: request.operation,
      reason,
      status,
      detail: detail || undefined,
      cause,
    });
  }
}

function isTransient(error: RuntimeUpstreamError): boolean {
  return (
    error.reason === 'Timeout' ||
    error.reason === 'Truncated' ||
    (error.reason === 'Unavailable' &&
      (error.status === undefined || TRANSIENT_STATUSES.has(error.status)))
  );
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
