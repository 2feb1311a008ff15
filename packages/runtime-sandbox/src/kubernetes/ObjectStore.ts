import { KubernetesObject, objectKey } from './objects';
import { ResourceType } from './resources';

/** A change to a stored object, as a watch would report it. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceType;
  object: KubernetesObject;
  /** The object before a `MODIFIED` change. */
  previous?: KubernetesObject;
  /** The store's resourceVersion right after the change. */
  revision: number;
}

class Table {
  readonly objects = new Map<string, KubernetesObject>();
  private sorted: string[] | undefined;

  keys(): string[] {
    this.sorted ??= [...this.objects.keys()].sort();
    return this.sorted;
  }

  set(key: string, object: KubernetesObject) {
    if (!this.objects.has(key)) this.sorted = undefined;
    this.objects.set(key, object);
  }

  delete(key: string) {
    if (this.objects.delete(key)) this.sorted = undefined;
  }
}

/** Index of the first key that is greater than `value` (or at least `value` when `inclusive`). */
function boundIndex(keys: string[], value: string, inclusive: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < value || (!inclusive && keys[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The etcd of the sandbox: objects by resource type, ordered by `namespace/name` key, with a
 * global resourceVersion counter. Stored objects are owned by the store; callers clone them before
 * handing them out.
 */
export class ObjectStore {
  private revision = 1000;
  private readonly tables = new Map<ResourceType, Table>();
  private readonly listeners: Array<(event: StoreEvent) => void> = [];

  private table(resource: ResourceType): Table {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Table();
      this.tables.set(resource, table);
    }
    return table;
  }

  /** The latest resourceVersion (what a list reports). */
  currentRevision(): number {
    return this.revision;
  }

  /** Allocates the next resourceVersion. */
  nextRevision(): number {
    return ++this.revision;
  }

  /** The stored object, or undefined. Do not modify it. */
  get(resource: ResourceType, namespace: string | undefined, name: string) {
    return this.table(resource).objects.get(objectKey(namespace, name));
  }

  /** Stores (adds or replaces) an object and notifies listeners. */
  put(resource: ResourceType, object: KubernetesObject) {
    const key = objectKey(object.metadata?.namespace, object.metadata!.name!);
    const table = this.table(resource);
    const previous = table.objects.get(key);
    table.set(key, object);
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      resource,
      object,
      previous,
      revision: this.revision,
    });
  }

  /** Removes an object and notifies listeners. */
  remove(resource: ResourceType, object: KubernetesObject) {
    this.table(resource).delete(
      objectKey(object.metadata?.namespace, object.metadata!.name!),
    );
    this.emit({
      type: 'DELETED',
      resource,
      object,
      revision: this.revision,
    });
  }

  /**
   * Stored objects in key order, in one namespace (or all), starting after `afterKey`.
   * Yields `[key, object]`.
   */
  *scan(
    resource: ResourceType,
    namespace: string | undefined,
    afterKey?: string,
  ): Generator<[string, KubernetesObject]> {
    const table = this.table(resource);
    const keys = table.keys();
    const prefix = namespace ? `${namespace}/` : '';
    let i = prefix ? boundIndex(keys, prefix, true) : 0;
    if (afterKey !== undefined)
      i = Math.max(i, boundIndex(keys, afterKey, false));
    for (; i < keys.length && keys[i].startsWith(prefix); i++) {
      const object = table.objects.get(keys[i]);
      if (object) yield [keys[i], object];
    }
  }

  /** Every stored object of a resource type in one namespace (or all). */
  all(resource: ResourceType, namespace?: string): KubernetesObject[] {
    return [...this.scan(resource, namespace)].map(([, object]) => object);
  }

  /** Every stored object with its resource type, in no particular order (for snapshots). */
  *everyObject(): Generator<[ResourceType, KubernetesObject]> {
    for (const [resource, table] of this.tables) {
      for (const object of table.objects.values()) yield [resource, object];
    }
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  private emit(event: StoreEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
