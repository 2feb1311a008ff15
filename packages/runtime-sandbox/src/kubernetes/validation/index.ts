import { StatusCause } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { ResourceType } from '../resources';
import { validateModel } from './model';
import { validateObjectMeta } from './objectMeta';
import { validateBuiltIn } from './workloads';

export { nameProblems } from './objectMeta';
export { MODEL_ENGINES, MODEL_FEATURES, validateModel } from './model';

/**
 * Validates an object of a served kind after defaulting: metadata for every kind, the CRD schema
 * and rules for KubeAI Models, the common rules of built-in workloads. `old` is the stored object
 * on an update. Returns the field errors (empty when valid).
 */
export function validateObject(
  resource: ResourceType,
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes = validateObjectMeta(resource, object);
  if (resource.kind === 'Model') {
    causes.push(...validateModel(object, old));
  } else if (!resource.custom) {
    causes.push(...validateBuiltIn(resource.kind, object));
  }
  return causes;
}
