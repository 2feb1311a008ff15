import http from 'node:http';
import { KubeApiError, badRequest } from './apiErrors';
import { matchesFields, parseFieldSelector } from './fieldSelector';
import { matchesLabels, parseLabelSelector } from './labelSelector';
import { ObjectStore, StoreEvent } from './ObjectStore';
import { KubernetesObject } from './objects';
import { ResourceType, apiVersionOf } from './resources';

/** The type of one watch event on the wire. */
type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** What a watch request asks for (the query of `?watch=true`). */
export interface WatchRequest {
  resource: ResourceType;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Events after this version; unset or `0`: every current object as ADDED first. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

/** Options of the watch hub. */
export interface WatchHubOptions {
  /** How many past changes a watch can resume from (older versions answer 410 `Expired`). */
  historySize?: number;
  /** How often an idle watch with `allowWatchBookmarks` gets a BOOKMARK (kube-apiserver: ~1 min). */
  bookmarkIntervalMs?: number;
  /** How long a watch without `timeoutSeconds` stays open (kube-apiserver: 30–60 min). */
  defaultTimeoutSeconds?: number;
}

interface LoggedEvent {
  event: StoreEvent;
  /** The object as the watch sends it (DELETED carries the deletion's resourceVersion). */
  object: KubernetesObject;
}

const DEFAULT_HISTORY_SIZE = 1_000;
const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;
const DEFAULT_TIMEOUT_SECONDS = 1800;

function withResourceVersion(object: KubernetesObject, revision: number) {
  return {
    ...object,
    metadata: { ...object.metadata, resourceVersion: String(revision) },
  };
}

function typed(resource: ResourceType, object: KubernetesObject) {
  return {
    apiVersion: apiVersionOf(resource),
    kind: resource.kind,
    ...object,
  };
}

/** The `Status` of an ERROR event for a resourceVersion older than the history. */
function tooOld(requested: number, oldest: number) {
  return new KubeApiError(
    410,
    'Expired',
    `too old resource version: ${requested} (${oldest})`,
  ).toStatus();
}

/**
 * Watches as kube-apiserver serves them: a chunked `200` response of newline-delimited JSON events
 * (`{"type":"ADDED"|"MODIFIED"|"DELETED"|"BOOKMARK","object":{...}}`) after the requested
 * resourceVersion, filtered by namespace and selectors. An object that stops matching a selector is
 * sent as DELETED, one that starts matching as ADDED. A version older than the kept history answers
 * one `ERROR` event with a 410 `Expired` Status and ends the stream.
 */
export class WatchHub {
  private readonly history: LoggedEvent[] = [];
  private readonly historySize: number;
  private readonly bookmarkIntervalMs: number;
  private readonly defaultTimeoutSeconds: number;
  private readonly watchers = new Set<(logged: LoggedEvent) => void>();
  private readonly open = new Set<http.ServerResponse>();

  constructor(
    private readonly store: ObjectStore,
    options: WatchHubOptions = {},
  ) {
    this.historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
    this.bookmarkIntervalMs =
      options.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS;
    this.defaultTimeoutSeconds =
      options.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    store.subscribe(event => {
      const object =
        event.type === 'DELETED'
          ? withResourceVersion(event.object, event.revision)
          : event.object;
      const logged = { event, object };
      this.history.push(logged);
      if (this.history.length > this.historySize) this.history.shift();
      for (const watcher of this.watchers) watcher(logged);
    });
  }

  /** Forgets the whole history, as an etcd compaction does: every older version is then expired. */
  compact() {
    this.history.length = 0;
  }

  /** Ends every open watch (server shutdown). */
  closeAll() {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  /** Streams the watch to `res` until the timeout, the client leaving, or `closeAll`. */
  serve(request: WatchRequest, res: http.ServerResponse) {
    const { resource, namespace } = request;
    const labels = parseLabelSelector(request.labelSelector);
    const fields = parseFieldSelector(request.fieldSelector, resource.kind);
    const requested = Number(request.resourceVersion || '0');
    if (!Number.isInteger(requested) || requested < 0) {
      throw badRequest(`invalid resource version: ${request.resourceVersion}`);
    }
    const matches = (object: KubernetesObject | undefined) =>
      object !== undefined &&
      (namespace === undefined || object.metadata?.namespace === namespace) &&
      matchesLabels(labels, object.metadata?.labels) &&
      matchesFields(fields, object);

    res.writeHead(200, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
      'cache-control': 'no-cache, private',
    });
    res.flushHeaders();
    const write = (type: WatchEventType, object: unknown) =>
      res.write(`${JSON.stringify({ type, object })}\n`);
    const forward = ({ event, object }: LoggedEvent) => {
      if (event.resource !== resource) return;
      const now = matches(event.object);
      const before = event.type === 'MODIFIED' && matches(event.previous);
      if (event.type === 'DELETED') {
        if (now) write('DELETED', typed(resource, object));
      } else if (now) {
        write(
          event.type === 'ADDED' || !before ? 'ADDED' : 'MODIFIED',
          typed(resource, object),
        );
      } else if (before) {
        write('DELETED', typed(resource, object));
      }
    };

    if (requested === 0) {
      for (const [, object] of this.store.scan(resource, namespace)) {
        if (matches(object)) write('ADDED', typed(resource, object));
      }
    } else {
      const oldest =
        this.history[0]?.event.revision ?? this.store.currentRevision() + 1;
      if (requested < oldest - 1 && requested < this.store.currentRevision()) {
        write('ERROR', tooOld(requested, oldest - 1));
        res.end();
        return;
      }
      for (const logged of this.history) {
        if (logged.event.revision > requested) forward(logged);
      }
    }

    this.watchers.add(forward);
    this.open.add(res);
    const bookmarks = request.allowWatchBookmarks
      ? setInterval(
          () =>
            write('BOOKMARK', {
              apiVersion: apiVersionOf(resource),
              kind: resource.kind,
              metadata: {
                resourceVersion: String(this.store.currentRevision()),
              },
            }),
          this.bookmarkIntervalMs,
        )
      : undefined;
    const timeout = setTimeout(
      () => res.end(),
      (request.timeoutSeconds ?? this.defaultTimeoutSeconds) * 1000,
    );
    const stop = () => {
      this.watchers.delete(forward);
      this.open.delete(res);
      clearInterval(bookmarks);
      clearTimeout(timeout);
    };
    res.on('close', stop);
  }
}
