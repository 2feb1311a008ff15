import { KubeApiError, unsupportedMediaType } from '../apiErrors';
import { ResourceType } from '../resources';
import { PatchType } from './types';

/** The `Content-Type` of a PATCH of each patch type. */
const PATCH_MEDIA_TYPES: Readonly<Record<PatchType, string>> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/**
 * The patch types a resource accepts, in kube-apiserver's order: merge patch, strategic merge
 * patch (built-in kinds only: a custom resource has no patch strategy) and server-side apply.
 * kube-apiserver also accepts JSON patch (`application/json-patch+json`); the sandbox does not.
 */
export function acceptedPatchTypes(resource: ResourceType): PatchType[] {
  return resource.custom ? ['merge', 'apply'] : ['merge', 'strategic', 'apply'];
}

/**
 * The 415 kube-apiserver answers a PATCH whose `Content-Type` the resource does not accept
 * (`negotiation.NewUnsupportedMediaTypeError` with the accepted patch media types).
 */
export function unsupportedPatchType(resource: ResourceType): KubeApiError {
  return unsupportedMediaType(
    acceptedPatchTypes(resource).map(type => PATCH_MEDIA_TYPES[type]),
  );
}

/**
 * The patch type a PATCH's media type names, if the resource accepts it; 415
 * `UnsupportedMediaType` otherwise.
 */
export function patchTypeOfMediaType(
  resource: ResourceType,
  mediaType: string,
): PatchType {
  const type = acceptedPatchTypes(resource).find(
    t => PATCH_MEDIA_TYPES[t] === mediaType,
  );
  if (!type) throw unsupportedPatchType(resource);
  return type;
}
