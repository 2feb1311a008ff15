import { randomUUID } from 'node:crypto';
import { invalid } from '../apiErrors';
import { applyDefaults } from '../defaults';
import { ManagedFieldsEntry, recordUpdate } from '../fieldManagement';
import {
  KubernetesObject,
  canonicalOrder,
  clone,
  deepEqual,
  timestamp,
} from '../objects';
import { ResourceType, apiVersionOf } from '../resources';
import { validateObject } from '../validation';
import { ApiContext } from './context';
import { fieldScopeOf, limitToSubresource } from './statusSubresource';
import { WritableSubresource, WriteOptions } from './types';

/** What `generation` tracks: everything but metadata and status. */
function specOf(object: KubernetesObject | undefined) {
  if (!object) return undefined;
  const { metadata, status, ...rest } = object;
  return rest;
}

/** The object without the parts that change on every write (for no-op detection). */
function comparable(object: KubernetesObject) {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.resourceVersion;
  copy.metadata.managedFields = (object.metadata?.managedFields ?? []).map(
    entry => {
      const { time, ...rest } = entry as Record<string, unknown>;
      return rest as any;
    },
  );
  return copy;
}

/**
 * The write path every create, update and patch ends in: subresource filtering, server-owned
 * metadata, defaults, managed fields, validation, generation, no-op detection (a write that
 * changes nothing returns the stored object, resourceVersion unchanged) and storage with a new
 * resourceVersion (or none under `dryRun`).
 */
export function commit(
  ctx: ApiContext,
  resource: ResourceType,
  live: KubernetesObject | undefined,
  input: KubernetesObject,
  options: WriteOptions & {
    subresource?: WritableSubresource;
    /** The managed fields server-side apply computed; recorded as an update otherwise. */
    managedFields?: ManagedFieldsEntry[];
  },
): KubernetesObject {
  const now = ctx.now();
  const candidate = limitToSubresource(
    resource,
    live,
    input,
    options.subresource,
  );
  candidate.apiVersion = apiVersionOf(resource);
  candidate.kind = resource.kind;
  const meta = { ...candidate.metadata };
  if (live) {
    meta.name = live.metadata!.name;
    meta.namespace = live.metadata!.namespace;
    meta.uid = live.metadata!.uid;
    meta.creationTimestamp = live.metadata!.creationTimestamp;
    meta.generation = live.metadata!.generation;
    if (live.metadata!.deletionTimestamp)
      meta.deletionTimestamp = live.metadata!.deletionTimestamp;
    else delete meta.deletionTimestamp;
  } else {
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(now);
    meta.generation = 1;
    delete meta.deletionTimestamp;
  }
  if (!resource.namespaced) delete meta.namespace;
  delete meta.resourceVersion;
  delete meta.selfLink;
  candidate.metadata = meta;

  applyDefaults(resource, candidate, live, () => ctx.allocateClusterIP());

  candidate.metadata.managedFields = (options.managedFields ??
    recordUpdate(live, candidate, {
      manager: options.manager,
      apiVersion: apiVersionOf(resource),
      subresource: options.subresource,
      scope: fieldScopeOf(resource, options.subresource),
      time: timestamp(now),
    })) as any;

  const causes = validateObject(resource, candidate, live);
  if (causes.length > 0) throw invalid(resource, meta.name ?? '', causes);

  if (live && !deepEqual(specOf(live), specOf(candidate))) {
    meta.generation = (live.metadata!.generation ?? 1) + 1;
  }
  if (live && deepEqual(comparable(live), comparable(candidate))) {
    return clone(live);
  }
  if (options.dryRun) {
    if (live) meta.resourceVersion = live.metadata!.resourceVersion;
    return canonicalOrder(candidate);
  }
  meta.resourceVersion = String(ctx.store.nextRevision());
  const stored = canonicalOrder(candidate);
  ctx.store.put(resource, stored);
  return clone(stored);
}
