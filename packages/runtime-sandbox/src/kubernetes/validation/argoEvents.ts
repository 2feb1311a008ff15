import { StatusCause } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { required } from './fieldErrors';
import { validateEventBusRules } from './argoEventBus';
import { validateEventSourceRules } from './argoEventSource';
import { checkArgoEventsSchema } from './argoEventsSchemaCheck';
import { validateSensorRules } from './argoSensor';

/** The Argo Events kinds and the schema definition of their `spec`. */
const SPEC_DEFINITIONS: Record<string, string> = {
  EventBus: 'EventBusSpec',
  EventSource: 'EventSourceSpec',
  Sensor: 'SensorSpec',
};

/** True for the kinds `validateArgoEvents` checks. */
export function isArgoEventsKind(kind: string): boolean {
  return kind in SPEC_DEFINITIONS;
}

/**
 * Validates an Argo Events EventBus, EventSource or Sensor as the sandbox's admission: the CRD's own
 * `required: [metadata, spec]`, the spec against Argo Events' published JSON schema (types, required
 * properties, and unknown properties refused: stricter than the real CRDs, which preserve unknown
 * fields), then Argo Events' own validator rules for the kind. `old` is the stored object on an
 * update. Returns the field errors (empty when valid).
 */
export function validateArgoEvents(
  kind: string,
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const definition = SPEC_DEFINITIONS[kind];
  if (!definition) return [];
  if (object.spec === undefined || object.spec === null) {
    return [required('spec')];
  }
  const causes = checkArgoEventsSchema('spec', object.spec, definition);
  if (causes.length > 0) return causes;
  switch (kind) {
    case 'EventBus':
      return validateEventBusRules(object, old);
    case 'EventSource':
      return validateEventSourceRules(object);
    default:
      return validateSensorRules(object);
  }
}
