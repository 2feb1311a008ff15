import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { RuntimeSignal } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  CoalescingCache,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { untilAborted } from './untilAborted';

/** How long a failure is remembered, so a down upstream is not asked again by every viewer. */
const FAILURE_TTL_MS = 5_000;

/** One signal to read: where it is cached, for how long, and how it is loaded. */
export interface SignalRequest<T> {
  /** Cache key: what is asked of which upstream (never who asks). */
  key: string;
  ttlMs: number;
  /** The whole budget of the signal, retries included. */
  timeoutMs: number;
  /** What the upstream is called in messages, e.g. `Loki`. */
  upstreamTitle: string;
  load: (signal: AbortSignal) => Promise<T>;
}

/**
 * Reads report signals from upstreams: each within its own time budget, cached with a short TTL and
 * coalesced, so that many viewers of one entity cost the upstream one query per signal per TTL. A
 * failure becomes an `unavailable` signal with a message a user can act on; it never throws.
 */
export class SignalReader {
  private readonly cache: CoalescingCache;
  private readonly logger: LoggerService;

  /**
   * `localMaxAgeMs`: how long a value read from the shared cache is answered from this replica's
   * memory (the CoalescingCache default, 2 s, when not given).
   */
  constructor(options: {
    cache: CacheService;
    logger: LoggerService;
    localMaxAgeMs?: number;
  }) {
    this.cache = new CoalescingCache({
      cache: options.cache,
      ttlMs: 15_000,
      localMaxAgeMs: options.localMaxAgeMs,
    });
    this.logger = options.logger;
  }

  /** A signal that says why it is not configured; costs nothing upstream. */
  static notConfigured<T>(message: string): RuntimeSignal<T> {
    return {
      status: 'not-configured',
      message,
      fetchedAt: new Date().toISOString(),
    };
  }

  /**
   * A signal not read because what it names belongs to another team than the entity's owner; says
   * whose it is. Costs nothing upstream.
   */
  static notAllowed<T>(message: string): RuntimeSignal<T> {
    return {
      status: 'not-allowed',
      message,
      fetchedAt: new Date().toISOString(),
    };
  }

  /** Drops a cached signal, after an action changed what it reads. */
  async forget(key: string): Promise<void> {
    await this.cache.forget(`signal:${key}`);
  }

  /** Reads one signal (from the cache when fresh). */
  read<T>(request: SignalRequest<T>): Promise<RuntimeSignal<T>> {
    return this.cache.get<RuntimeSignal<T>>(
      `signal:${request.key}`,
      () => this.load(request),
      value => (value.status === 'ok' ? request.ttlMs : FAILURE_TTL_MS),
    );
  }

  private async load<T>(request: SignalRequest<T>): Promise<RuntimeSignal<T>> {
    const budget = AbortSignal.timeout(request.timeoutMs);
    try {
      const data = await untilAborted(request.load(budget), budget);
      return { status: 'ok', data, fetchedAt: new Date().toISOString() };
    } catch (error) {
      const message = describeFailure(error, request, budget.aborted);
      // Our own (or an adopter's) bug rather than the upstream's: the log gets the error itself.
      const unexpected =
        !budget.aborted &&
        !isRuntimeUpstreamError(error) &&
        error instanceof Error;
      this.logger.warn(
        `Signal ${request.key} unavailable: ${message}`,
        unexpected ? error : undefined,
      );
      return {
        status: 'unavailable',
        message,
        fetchedAt: new Date().toISOString(),
      };
    }
  }
}

function describeFailure(
  error: unknown,
  request: SignalRequest<unknown>,
  timedOut: boolean,
): string {
  if (timedOut) {
    return `${request.upstreamTitle} did not answer within ${request.timeoutMs} ms`;
  }
  if (isRuntimeUpstreamError(error)) {
    return `${request.upstreamTitle} is unavailable: ${error.message}`;
  }
  // Anything else is a bug of ours, not the upstream's: say so without leaking internals.
  return `${request.upstreamTitle} could not be read (${
    error instanceof Error ? error.name : 'error'
  })`;
}
