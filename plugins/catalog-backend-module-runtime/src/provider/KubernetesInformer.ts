import { LoggerService } from '@backstage/backend-plugin-api';
import {
  isRuntimeUpstreamError,
  KubernetesClient,
  KubernetesKind,
  KubernetesObject,
  KubernetesWatchEvent,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** What an informer watches, and how it backs off. */
export interface KubernetesInformerOptions<T extends KubernetesObject> {
  client: KubernetesClient;
  kind: KubernetesKind<T>;
  labelSelector?: string;
  logger: LoggerService;
  /** Names the informer in logs, e.g. `runtime:dev/models`. */
  scope: string;
  /** Waits between failed watch attempts: doubles from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
  /** Called after the watch changed the cache (an object added, modified or deleted). */
  onChange?: () => void;
  /**
   * The cluster may not serve the kind (its CRD is not installed, e.g. no APISIX in an
   * environment): a list answered 404 then reads as no objects rather than failing, and no watch
   * is kept until a later read's list finds the kind served.
   */
  mayBeUnserved?: boolean;
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 60_000 };

/** How long the first read waits for the new watch to open, so that the next read need not list. */
const FIRST_OPEN_WAIT_MS = 5000;

/** The key of an object in the cache: its uid, else namespace and name. */
export function objectKey(object: KubernetesObject): string {
  const { uid, namespace, name } = object.metadata;
  return uid ?? `${namespace ?? ''}/${name}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * An in-memory copy of one kind's objects in one cluster, kept current list-then-watch, as
 * client-go's informers do. While its watch is open, {@link KubernetesInformer.read} answers from
 * memory without calling the API server; while it is not (not started yet, broken, expired), a read
 * lists, so the result is never older than the read. A broken watch resumes from the last seen
 * resourceVersion with backoff; an expired one (410) lists again first. A kind the cluster may not
 * serve ({@link KubernetesInformerOptions.mayBeUnserved}) reads as empty while it is not served.
 */
export class KubernetesInformer<T extends KubernetesObject> {
  private objects = new Map<string, T>();
  private resourceVersion?: string;
  private watching = false;
  private served = true;
  private changes = 0;
  private failures = 0;
  private listing?: Promise<void>;
  private loop?: Promise<void>;
  private attempt?: AbortController;
  private readonly stopped = new AbortController();

  constructor(private readonly options: KubernetesInformerOptions<T>) {}

  /** Counts the changes to the cache (lists and events): equal counts mean equal objects. */
  get version(): number {
    return this.changes;
  }

  /** Whether the cache is current through an open watch (reads need no API call). */
  get live(): boolean {
    return this.watching;
  }

  /**
   * The current objects: from memory while the watch is open, else listed (which also restarts the
   * watch from the list). Fails as the list does, leaving the cache as it was.
   */
  async read(signal?: AbortSignal): Promise<T[]> {
    if (!this.watching) {
      await this.list(signal);
      if (this.served) await this.startWatching();
    }
    return [...this.objects.values()];
  }

  /** Ends the watch; later reads list. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** Lists everything (one list at a time; concurrent callers share it) and resets the cache. */
  private list(signal?: AbortSignal): Promise<void> {
    this.listing ??= this.listOnce(signal).finally(() => {
      this.listing = undefined;
    });
    return this.listing;
  }

  private async listOnce(signal?: AbortSignal) {
    const { client, kind, labelSelector } = this.options;
    const objects = new Map<string, T>();
    let resourceVersion: string | undefined;
    let token: string | undefined;
    try {
      do {
        const page = await client.list(kind, {
          labelSelector,
          limit: 500,
          continue: token,
          signal,
        });
        // The first page's version is the list's snapshot: watching from it misses nothing.
        resourceVersion ??= page.resourceVersion;
        for (const item of page.items) objects.set(objectKey(item), item);
        token = page.continue;
      } while (token);
    } catch (error) {
      if (!this.notServed(error)) throw error;
      objects.clear();
      resourceVersion = undefined;
    }
    this.served = resourceVersion !== undefined;
    this.objects = objects;
    this.resourceVersion = resourceVersion;
    this.changes++;
    // A watch attempt from an older version would replay changes the list already holds.
    this.attempt?.abort();
  }

  /** Whether `error` says the cluster does not serve the kind, and the informer may take that. */
  private notServed(error: unknown): boolean {
    return (
      this.options.mayBeUnserved === true &&
      isRuntimeUpstreamError(error, 'NotFound')
    );
  }

  /**
   * Starts the watch loop once (again after it ended because the kind was not served); resolves
   * when its first attempt has opened or failed, or after {@link FIRST_OPEN_WAIT_MS} (a read then
   * lists until the watch is open).
   */
  private startWatching(): Promise<void> {
    if (this.loop || this.stopped.signal.aborted) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(resolve, FIRST_OPEN_WAIT_MS);
      this.loop = this.watchLoop(() => {
        clearTimeout(timer);
        resolve();
      }).finally(() => {
        this.loop = undefined;
      });
    });
  }

  private async watchLoop(firstAttemptDone: () => void) {
    const { client, kind, labelSelector, logger, scope } = this.options;
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    while (!this.stopped.signal.aborted) {
      const attempt = new AbortController();
      this.attempt = attempt;
      const stop = () => attempt.abort();
      this.stopped.signal.addEventListener('abort', stop);
      try {
        if (this.resourceVersion === undefined) await this.list(attempt.signal);
        // No longer served (its CRD deleted): reads list until it is served again.
        if (!this.served) break;
        await client.watch(kind, {
          labelSelector,
          resourceVersion: this.resourceVersion!,
          signal: attempt.signal,
          onOpen: () => {
            this.watching = !attempt.signal.aborted;
            this.failures = 0;
            firstAttemptDone();
          },
          onEvent: event => this.apply(event),
        });
      } catch (error) {
        this.watching = false;
        firstAttemptDone();
        if (this.stopped.signal.aborted) break;
        if (isRuntimeUpstreamError(error, 'Expired') || this.notServed(error)) {
          this.resourceVersion = undefined;
        }
        this.failures++;
        const wait = Math.min(
          backoff.initialMs * 2 ** (this.failures - 1),
          backoff.maxMs,
        );
        logger.warn(
          `Runtime catalog: watching ${scope} failed, listing on refreshes until it is back (retry in ${wait} ms): ${
            (error as Error).message
          }`,
        );
        await sleep(wait, this.stopped.signal);
      } finally {
        this.watching = false;
        this.stopped.signal.removeEventListener('abort', stop);
      }
    }
    firstAttemptDone();
  }

  private apply({ type, object }: KubernetesWatchEvent<T>) {
    const version = object.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (type === 'BOOKMARK') return;
    this.changes++;
    if (type === 'DELETED') this.objects.delete(objectKey(object));
    else this.objects.set(objectKey(object), object);
    this.options.onChange?.();
  }
}
