import { conflict, invalid, notFound } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { ResourceType } from '../resources';
import { strictBodyError } from '../validation/unknownFields';
import { commit } from './commit';
import { ApiContext } from './context';
import { checkBody, pruneUndeclaredFields } from './requestBody';
import { WritableSubresource, WriteOptions } from './types';

/**
 * PUT: replaces an object, or (with `subresource: 'status'`) its status; 409 `Conflict` on a stale
 * resourceVersion. Custom resources require a resourceVersion (422); built-ins allow an
 * unconditional update.
 */
export function replaceObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions & { subresource?: WritableSubresource },
): KubernetesObject {
  const object = checkBody(resource, namespace, body, name);
  pruneUndeclaredFields(resource, object, options, (_, unknown) =>
    strictBodyError(resource, unknown),
  );
  const live = ctx.store.get(resource, namespace, name);
  if (!live) throw notFound(resource, name);
  const requested = object.metadata?.resourceVersion;
  if (!requested && resource.custom) {
    throw invalid(resource, name, [
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 0x0: must be specified for an update',
        field: 'metadata.resourceVersion',
      },
    ]);
  }
  if (requested && requested !== live.metadata?.resourceVersion)
    throw conflict(resource, name);
  return commit(ctx, resource, live, object, options);
}
