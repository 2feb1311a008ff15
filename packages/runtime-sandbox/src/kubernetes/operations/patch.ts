import { badRequest, conflict, notFound } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { mergePatch } from '../patches';
import { ResourceType } from '../resources';
import { strictPatchError } from '../validation/unknownFields';
import { commit } from './commit';
import { ApiContext } from './context';
import { patchOptionsInvalid } from './patchOptions';
import { acceptedPatchTypes, unsupportedPatchType } from './patchTypes';
import { pruneUndeclaredFields } from './requestBody';
import { WritableSubresource, WriteOptions } from './types';

/**
 * PATCH with a merge patch or (built-in kinds) a strategic merge patch, which the sandbox applies
 * as a merge patch: 404 when the object is absent, 409 when the patch sets a stale
 * resourceVersion, 422 for `force` (an apply-only option).
 */
export function patchObject(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
  type: 'merge' | 'strategic',
  body: unknown,
  options: WriteOptions & {
    subresource?: WritableSubresource;
    force?: boolean;
  },
): KubernetesObject {
  if (options.force) {
    throw patchOptionsInvalid(
      'force: Forbidden: may not be specified for non-apply patch',
    );
  }
  if (!acceptedPatchTypes(resource).includes(type)) {
    throw unsupportedPatchType(resource);
  }
  const live = ctx.store.get(resource, namespace, name);
  if (!live) throw notFound(resource, name);
  const patched = mergePatch(live, body);
  if (!isPlainObject(patched))
    throw badRequest('the patch did not produce an object');
  pruneUndeclaredFields(resource, patched, options, strictPatchError);
  const requested = patched.metadata?.resourceVersion;
  if (requested !== undefined && requested !== live.metadata?.resourceVersion) {
    throw conflict(resource, name);
  }
  return commit(ctx, resource, live, patched as KubernetesObject, options);
}
