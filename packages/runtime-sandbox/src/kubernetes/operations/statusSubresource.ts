import { FieldScope } from '../fieldManagement';
import { KubernetesObject, clone } from '../objects';
import { ResourceType } from '../resources';
import { WritableSubresource } from './types';

/**
 * What a write may change, as the status subresource divides an object: a `/status` write takes
 * only `.status` from the body (everything else stays as stored); a write to the main resource
 * of a kind with a status subresource keeps the stored `.status`; a kind without one (Argo CD's
 * Application) takes the whole body.
 */
export function limitToSubresource(
  resource: ResourceType,
  live: KubernetesObject | undefined,
  input: KubernetesObject,
  subresource: WritableSubresource | undefined,
): KubernetesObject {
  const candidate = clone(input);
  if (live && subresource === 'status') {
    return { ...clone(live), status: candidate.status };
  }
  if (resource.statusSubresource) {
    candidate.status = clone(live?.status);
    if (candidate.status === undefined) delete candidate.status;
  }
  return candidate;
}

/** The fields a write's manager takes ownership of in `managedFields`. */
export function fieldScopeOf(
  resource: ResourceType,
  subresource?: WritableSubresource,
): FieldScope {
  if (subresource === 'status') return 'status';
  return resource.statusSubresource ? 'main' : 'all';
}
