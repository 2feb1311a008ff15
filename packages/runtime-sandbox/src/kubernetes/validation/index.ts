import { StatusCause } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { ResourceType } from '../resources';
import { isArgoEventsKind, validateArgoEvents } from './argoEvents';
import { validateCustomResource } from './customResources';
import { customResourceSchemaOf } from './customResourceSchemas';
import { validateObjectMeta } from './objectMeta';
import { validateBuiltIn } from './workloads';

/**
 * Validates an object of a served kind after defaulting: metadata for every kind, the CRD schema
 * and its CEL rules for custom resources the sandbox has a CRD for (KubeAI Models), the common
 * rules of built-in workloads. `old` is the stored object on an update. Returns the field errors
 * (empty when valid).
 */
export function validateObject(
  resource: ResourceType,
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes = validateObjectMeta(resource, object);
  const crd = customResourceSchemaOf(resource);
  if (crd) {
    causes.push(...validateCustomResource(crd, object, old, causes));
  } else if (resource.custom && isArgoEventsKind(resource.kind)) {
    causes.push(...validateArgoEvents(resource.kind, object, old));
  } else if (!resource.custom) {
    causes.push(...validateBuiltIn(resource.kind, object));
  }
  return causes;
}
