import { conflict, notFound } from '../apiErrors';
import { KubernetesObject, clone, timestamp } from '../objects';
import { ResourceType } from '../resources';
import { ApiContext } from './context';

/** Options of a delete. */
export interface DeleteOptions {
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * DELETE: removes an object and answers a `Success` Status; a Namespace instead starts
 * terminating and answers with itself. 404 when absent, 409 when a precondition fails.
 */
export function deleteObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
): KubernetesObject {
  const live = ctx.store.get(resource, namespace, name);
  if (!live) throw notFound(resource, name);
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== live.metadata?.uid) {
    throw conflict(
      resource,
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${live.metadata?.uid}`,
    );
  }
  if (resourceVersion && resourceVersion !== live.metadata?.resourceVersion) {
    throw conflict(
      resource,
      name,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${live.metadata?.resourceVersion}`,
    );
  }
  const details = {
    name,
    group: resource.group || undefined,
    kind: resource.plural,
    uid: live.metadata?.uid,
  };
  if (resource.kind === 'Namespace') {
    if (live.metadata?.deletionTimestamp) return clone(live);
    const terminating = clone(live);
    terminating.metadata!.deletionTimestamp = timestamp(ctx.now());
    terminating.status = { ...terminating.status, phase: 'Terminating' };
    if (options.dryRun) return terminating;
    terminating.metadata!.resourceVersion = String(ctx.store.nextRevision());
    ctx.store.put(resource, terminating);
    return clone(terminating);
  }
  if (!options.dryRun) {
    ctx.store.nextRevision();
    ctx.store.remove(resource, live);
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details,
  };
}
