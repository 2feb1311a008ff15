import { KubeApiError, StatusCause } from './apiErrors';
import {
  JsonObject,
  KubernetesObject,
  clone,
  deepEqual,
  deleteAt,
  getAt,
  isPlainObject,
  setAt,
} from './objects';

/**
 * Field ownership as server-side apply tracks it in `metadata.managedFields`.
 *
 * Simplifications (documented in the sandbox README): every list is atomic (owned as a whole, as
 * CRD lists without `x-kubernetes-list-type` are; built-in associative lists such as `containers`
 * are not merged by key), and a manager never conflicts with itself under another operation.
 */

/** Which part of an object a write may touch. */
export type FieldScope =
  /** Everything but `.status` (main resource of a kind with a status subresource). */
  | 'main'
  /** Only `.status` (the `/status` subresource). */
  | 'status'
  /** Everything (a kind without a status subresource). */
  | 'all';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** A field another manager owns with a different value than the one applied. */
interface ApplyConflict {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  /** The field, as `.spec.minReplicas`. */
  field: string;
}

const SEP = '\u0000';
const TRACKED_METADATA = [
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
];

const encode = (path: readonly string[]) => path.join(SEP);
const decode = (key: string) => key.split(SEP);
const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(b + SEP) || b.startsWith(a + SEP);

/** The leaf fields (scalars, lists, empty maps) a write in this scope sets, with their values. */
function leafFields(
  object: KubernetesObject | undefined,
  scope: FieldScope,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!object) return out;
  const walk = (value: unknown, path: string[]) => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value))
        walk(child, [...path, key]);
    } else {
      out.set(encode(path), value);
    }
  };
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue;
    if (key === 'metadata') {
      if (scope === 'status') continue;
      for (const field of TRACKED_METADATA) {
        if (isPlainObject(value) && value[field] !== undefined) {
          walk(value[field], ['metadata', field]);
        }
      }
      continue;
    }
    const isStatus = key === 'status';
    if ((scope === 'main' && isStatus) || (scope === 'status' && !isStatus))
      continue;
    walk(value, [key]);
  }
  return out;
}

function toFieldsV1(fields: Set<string>): JsonObject {
  const root: JsonObject = {};
  for (const key of [...fields].sort()) {
    let node = root;
    for (const segment of decode(key)) {
      node[`f:${segment}`] ??= {};
      node = node[`f:${segment}`] as JsonObject;
    }
  }
  return root;
}

function fromFieldsV1(
  fieldsV1: unknown,
  prefix: string[] = [],
  out = new Set<string>(),
) {
  if (!isPlainObject(fieldsV1)) return out;
  for (const [key, child] of Object.entries(fieldsV1)) {
    if (key === '.') {
      if (prefix.length) out.add(encode(prefix));
      continue;
    }
    const path = [...prefix, key.startsWith('f:') ? key.slice(2) : key];
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      fromFieldsV1(child, path, out);
    } else {
      out.add(encode(path));
    }
  }
  return out;
}

interface Tracked {
  entry: Omit<ManagedFieldsEntry, 'fieldsV1'>;
  fields: Set<string>;
}

function readTracked(object: KubernetesObject | undefined): Tracked[] {
  const entries = (object?.metadata?.managedFields ??
    []) as unknown as ManagedFieldsEntry[];
  return entries.map(({ fieldsV1, ...entry }) => ({
    entry: { ...entry },
    fields: fromFieldsV1(fieldsV1),
  }));
}

function writeTracked(tracked: Tracked[]): ManagedFieldsEntry[] {
  return tracked
    .filter(t => t.fields.size > 0)
    .map(t => ({
      ...t.entry,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(t.fields),
    }));
}

function entryFor(
  tracked: Tracked[],
  manager: string,
  operation: 'Apply' | 'Update',
  apiVersion: string,
  subresource: string | undefined,
  time: string,
): Tracked {
  let own = tracked.find(
    t =>
      t.entry.manager === manager &&
      t.entry.operation === operation &&
      (t.entry.subresource ?? '') === (subresource ?? ''),
  );
  if (!own) {
    own = {
      entry: {
        manager,
        operation,
        apiVersion,
        time,
        fieldsType: 'FieldsV1',
        ...(subresource ? { subresource } : {}),
      },
      fields: new Set(),
    };
    tracked.push(own);
  }
  own.entry.time = time;
  own.entry.apiVersion = apiVersion;
  return own;
}

/** What a manager did, for the managed-fields bookkeeping. */
export interface FieldManagerContext {
  manager: string;
  apiVersion: string;
  subresource?: string;
  scope: FieldScope;
  /** RFC 3339 time stamped on the manager's entry. */
  time: string;
}

/**
 * The managed fields after a non-apply write (create, update, patch): the manager takes the fields
 * it changed, and every other manager loses them.
 */
export function recordUpdate(
  live: KubernetesObject | undefined,
  updated: KubernetesObject,
  context: FieldManagerContext,
): ManagedFieldsEntry[] {
  const tracked = readTracked(live);
  const before = leafFields(live, context.scope);
  const after = leafFields(updated, context.scope);
  const changed = [...after]
    .filter(
      ([key, value]) => !before.has(key) || !deepEqual(before.get(key), value),
    )
    .map(([key]) => key);
  const removed = [...before.keys()].filter(key => !after.has(key));
  if (changed.length === 0 && removed.length === 0)
    return writeTracked(tracked);

  const touched = [...changed, ...removed];
  const own = entryFor(
    tracked,
    context.manager,
    'Update',
    context.apiVersion,
    context.subresource,
    context.time,
  );
  for (const t of tracked) {
    t.fields = new Set(
      [...t.fields].filter(f => !touched.some(k => overlaps(f, k))),
    );
  }
  for (const key of changed) own.fields.add(key);
  return writeTracked(tracked);
}

const isEmptyMap = (value: unknown) =>
  isPlainObject(value) && Object.keys(value).length === 0;

function sameValue(live: unknown, applied: unknown): boolean {
  if (isEmptyMap(applied)) {
    return isPlainObject(live);
  }
  return deepEqual(live, applied);
}

function describeConflicts(conflicts: ApplyConflict[]): string {
  const byManager = new Map<string, ApplyConflict[]>();
  for (const c of conflicts) {
    const who = `"${c.manager}"${
      c.subresource ? ` with subresource "${c.subresource}"` : ''
    } using ${c.apiVersion}`;
    byManager.set(who, [...(byManager.get(who) ?? []), c]);
  }
  const parts = [...byManager].map(([who, list]) =>
    list.length === 1
      ? `conflict with ${who}: ${list[0].field}`
      : `conflicts with ${who}:\n${list.map(c => `- ${c.field}`).join('\n')}`,
  );
  const count = conflicts.length;
  return `Apply failed with ${count} conflict${
    count === 1 ? '' : 's'
  }: ${parts.join('\n')}`;
}

/** The 409 kube-apiserver answers an apply with conflicts (and no `force`). */
function applyConflictError(conflicts: ApplyConflict[]): KubeApiError {
  const causes: StatusCause[] = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${c.manager}"${
      c.subresource ? ` with subresource "${c.subresource}"` : ''
    } using ${c.apiVersion}`,
    field: c.field,
  }));
  return new KubeApiError(409, 'Conflict', describeConflicts(conflicts), {
    causes,
  });
}

/**
 * Server-side apply: merges the applied configuration into the live object (or an empty one),
 * removes fields the manager applied before and no longer applies (unless another manager owns
 * them), and records ownership. A field another manager owns with a different value is a conflict
 * (409) unless `force` moves it to this manager.
 */
export function applyConfiguration(
  live: KubernetesObject | undefined,
  applied: KubernetesObject,
  context: FieldManagerContext & { force: boolean },
): { object: KubernetesObject; managedFields: ManagedFieldsEntry[] } {
  const tracked = readTracked(live);
  const appliedFields = leafFields(applied, context.scope);

  const conflicts: Array<ApplyConflict & { owner: Tracked; key: string }> = [];
  for (const owner of tracked) {
    if (owner.entry.manager === context.manager) continue;
    for (const [key, value] of appliedFields) {
      const owns = [...owner.fields].some(f => overlaps(f, key));
      if (owns && !sameValue(getAt(live, decode(key)), value)) {
        conflicts.push({
          manager: owner.entry.manager,
          operation: owner.entry.operation,
          apiVersion: owner.entry.apiVersion,
          subresource: owner.entry.subresource,
          field: `.${decode(key).join('.')}`,
          owner,
          key,
        });
      }
    }
  }
  if (conflicts.length > 0 && !context.force) {
    throw applyConflictError(conflicts);
  }
  for (const c of conflicts) {
    c.owner.fields = new Set(
      [...c.owner.fields].filter(f => !overlaps(f, c.key)),
    );
  }

  const object = clone(live ?? {}) as KubernetesObject;
  for (const [key, value] of appliedFields) {
    const path = decode(key);
    if (isEmptyMap(value) && isPlainObject(getAt(object, path))) {
      continue;
    }
    setAt(object, path, clone(value));
  }

  const own = entryFor(
    tracked,
    context.manager,
    'Apply',
    context.apiVersion,
    context.subresource,
    context.time,
  );
  const appliedKeys = [...appliedFields.keys()];
  // A previously applied field stays when the configuration still sets it (or something inside
  // it, or a scalar/list that contains it); an empty map in the configuration protects nothing.
  const stillApplied = (previous: string) =>
    appliedKeys.some(
      k =>
        k === previous ||
        k.startsWith(previous + SEP) ||
        (previous.startsWith(k + SEP) && !isEmptyMap(appliedFields.get(k))),
    );
  for (const previous of own.fields) {
    if (stillApplied(previous)) continue;
    const ownedByOthers = tracked.some(
      t => t !== own && [...t.fields].some(f => overlaps(f, previous)),
    );
    if (!ownedByOthers) deleteAt(object, decode(previous));
  }
  own.fields = new Set(appliedKeys);
  return { object, managedFields: writeTracked(tracked) };
}
