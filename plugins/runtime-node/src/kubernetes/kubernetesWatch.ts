import { KubeConfig, Watch } from '@kubernetes/client-node';
import { RuntimeUpstreamError, reasonForStatus } from '../errors';
import { parseKubernetesStatus } from './parseKubernetesStatus';
import {
  KubernetesObject,
  KubernetesWatchEvent,
  KubernetesWatchOptions,
} from './types';

const DEFAULT_IDLE_TIMEOUT_MS = 150_000;
const DEFAULT_TIMEOUT_SECONDS = 600;

/** A watch request as {@link KubernetesClient.watch} makes it. */
export interface KubernetesWatchRequest<T extends KubernetesObject>
  extends KubernetesWatchOptions<T> {
  environment: string;
  operation: string;
  /** The collection path, e.g. `/apis/kubeai.org/v1/models`. */
  path: string;
}

/**
 * Runs one watch through client-node's `Watch` (its transport applies the KubeConfig's credentials
 * and TLS settings); see {@link KubernetesClient.watch} for the contract.
 */
export function kubernetesWatch<T extends KubernetesObject>(
  kubeConfig: KubeConfig,
  request: KubernetesWatchRequest<T>,
): Promise<void> {
  const { signal, environment, operation } = request;
  const failure = (
    reason: RuntimeUpstreamError['reason'],
    extra: { status?: number; detail?: string; cause?: unknown } = {},
  ) =>
    new RuntimeUpstreamError({
      upstream: 'kubernetes',
      environment,
      operation,
      reason,
      ...extra,
    });

  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    let controller: AbortController | undefined;
    let settled = false;
    const listening = new AbortController();
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      listening.abort();
      controller?.abort();
      if (error && !signal?.aborted) reject(error);
      else resolve();
    };
    signal?.addEventListener('abort', () => settle(), {
      signal: listening.signal,
    });

    const watch = new Watch(kubeConfig);
    // Watch's inactivity timeout (30 s by default, shorter than kube-apiserver's bookmark interval
    // of about a minute) is a plain field that its typings mark private.
    (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs =
      request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    watch
      .watch(
        request.path,
        {
          resourceVersion: request.resourceVersion,
          labelSelector: request.labelSelector,
          allowWatchBookmarks: true,
          timeoutSeconds: request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        },
        (type: string, object: any) => {
          if (settled) return;
          if (type === 'ERROR') {
            const code = Number(object?.code) || 500;
            const parsed = parseKubernetesStatus(code, object);
            settle(
              failure(parsed.reason ?? reasonForStatus(code), {
                status: code,
                detail: parsed.detail,
              }),
            );
            return;
          }
          try {
            request.onEvent({ type, object } as KubernetesWatchEvent<T>);
          } catch (error) {
            settle(error);
          }
        },
        (error: any) => {
          if (!error) {
            settle();
          } else if (typeof error.statusCode === 'number') {
            settle(
              failure(reasonForStatus(error.statusCode), {
                status: error.statusCode,
              }),
            );
          } else if (error.name === 'TimeoutError') {
            settle(
              failure('Timeout', { detail: 'the watch stream went silent' }),
            );
          } else {
            settle(
              failure('Unavailable', {
                detail: String(error.message ?? error),
                cause: error,
              }),
            );
          }
        },
      )
      .then(
        started => {
          controller = started;
          if (settled) started.abort();
          else request.onOpen?.();
        },
        error => settle(failure('Unknown', { cause: error })),
      );
  });
}
