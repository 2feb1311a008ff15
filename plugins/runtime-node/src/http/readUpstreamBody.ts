import { RuntimeUpstream, RuntimeUpstreamError } from '../errors';

/**
 * The largest answer body read from an upstream when its config sets no `maxResponseBytes`: 8 MiB.
 *
 * @public
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * Who is reading an answer body, and within which limits.
 *
 * @public
 */
export interface UpstreamBodyContext {
  upstream: RuntimeUpstream;
  environment: string;
  operation: string;
  /** The largest body accepted; a larger one is refused without reading the rest. */
  maxBytes: number;
  /** The per-attempt signal (caller's signal and timeout together). */
  signal: AbortSignal;
  /** The caller's own signal, to tell a cancellation from a timeout. */
  callerSignal?: AbortSignal;
  /** The per-attempt timeout, for the message. */
  timeoutMs: number;
}

/**
 * Reads a whole answer body as text, streaming and counting: a body that is cut off (reset, closed
 * early, or stalled past the timeout) or larger than `maxBytes` throws a {@link RuntimeUpstreamError}
 * (`Truncated`, `Timeout`, `Aborted` or `TooLarge`) that says how much was read; it never reads as
 * empty.
 *
 * @public
 */
export async function readUpstreamBody(
  response: Response,
  context: UpstreamBodyContext,
): Promise<string> {
  return new TextDecoder().decode(await readUpstreamBytes(response, context));
}

/**
 * Reads a whole answer body as bytes (an encrypted or binary answer), within the same limits and
 * with the same failures as {@link readUpstreamBody}.
 */
export async function readUpstreamBytes(
  response: Response,
  context: UpstreamBodyContext,
): Promise<Buffer> {
  const fail = (
    reason: RuntimeUpstreamError['reason'],
    detail: string,
    cause?: unknown,
  ) =>
    new RuntimeUpstreamError({
      upstream: context.upstream,
      environment: context.environment,
      operation: context.operation,
      reason,
      status: response.status,
      detail,
      cause,
    });
  const tooLarge = (size: string) =>
    fail(
      'TooLarge',
      `the answer is ${size}, over the limit of ${context.maxBytes} bytes (maxResponseBytes); the rest was not read`,
    );

  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > context.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(`${declared} bytes`);
  }
  if (!response.body) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      const cutOff = `the answer was cut off after ${received} bytes`;
      if (context.callerSignal?.aborted) {
        throw fail('Aborted', `cancelled; ${cutOff}`, error);
      }
      if (context.signal.aborted) {
        throw fail(
          'Timeout',
          `${cutOff}: not complete within ${context.timeoutMs} ms`,
          error,
        );
      }
      throw fail('Truncated', `${cutOff}: ${describe(error)}`, error);
    }
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > context.maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`at least ${received} bytes`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/** The network error's own words (e.g. `other side closed`), never a URL with credentials. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (cause && typeof cause.message === 'string') {
    return typeof cause.code === 'string'
      ? `${cause.message} (${cause.code})`
      : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
