/** A JSON value as it travels in a Kubernetes request or response. */
type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** An owner reference, as the garbage collector reads it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The `metadata` of a stored object, with the fields the sandbox reads typed. */
interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  selfLink?: string;
}

/** Any Kubernetes object. The sandbox keeps objects as plain JSON. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: any;
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => deepEqual(v, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(k => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The value at a path of keys, or undefined. */
export function getAt(obj: unknown, path: readonly string[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets the value at a path, creating (or replacing non-object) parents on the way. */
export function setAt(
  obj: Record<string, any>,
  path: readonly string[],
  value: unknown,
) {
  let current = obj;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(current[key])) current[key] = {};
    current = current[key];
  }
  current[path[path.length - 1]] = value;
}

/** Removes the value at a path, if present. */
export function deleteAt(obj: Record<string, any>, path: readonly string[]) {
  const parent = getAt(obj, path.slice(0, -1));
  if (isPlainObject(parent)) delete parent[path[path.length - 1]];
}

/** The namespace/name key objects are stored and listed under (etcd orders by it). */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** The object with its keys in the order kube-apiserver writes them (type, metadata, spec, …, status). */
export function canonicalOrder(object: KubernetesObject): KubernetesObject {
  const { apiVersion, kind, metadata, spec, status, ...rest } = object;
  const meta: Record<string, unknown> = { ...metadata };
  const orderedMeta: Record<string, unknown> = {};
  for (const key of METADATA_ORDER) {
    if (meta[key] !== undefined) orderedMeta[key] = meta[key];
  }
  for (const [key, value] of Object.entries(meta)) {
    if (!(key in orderedMeta) && value !== undefined) orderedMeta[key] = value;
  }
  return {
    apiVersion,
    kind,
    metadata: orderedMeta as ObjectMeta,
    ...(spec !== undefined ? { spec } : {}),
    ...rest,
    ...(status !== undefined ? { status } : {}),
  };
}

/** RFC 3339 with second precision, as Kubernetes timestamps are written. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
