import { StatusCause } from '../apiErrors';
import { isPlainObject } from '../objects';
import { required } from './fieldErrors';
import { ARGO_EVENTS_DEFINITIONS, SchemaNode } from './argoEventsSchema';

/**
 * Checks a value against a definition of Argo Events' published JSON schema (`argoEventsSchema.ts`):
 * types, `required` properties and unknown properties. Real Argo Events installs its CRDs with
 * `x-kubernetes-preserve-unknown-fields`, so a misspelled field is silently ignored there; the sandbox
 * rejects it on purpose, so that it fails in tests.
 */

/**
 * Properties the schema lists as required (its generator reads Go JSON tags without `omitempty`) that
 * Argo Events itself does not need, so the sandbox does not require them either.
 */
const NOT_ENFORCED_REQUIRED: Record<string, readonly string[]> = {
  // `url` is the webhook server's own URL: ValidateWebhookContext does not read it and upstream's
  // examples/event-sources/webhook.yaml omits it.
  WebhookEventSource: ['url'],
  // validateHTTPTrigger checks a payload only when there is one;
  // examples/sensors/http-trigger-secure-headers.yaml has none.
  HTTPTrigger: ['payload'],
  // validateEventCtxFilter needs only one of type, subject, source, datacontenttype
  // (examples/sensors/filter-with-context.yaml sets only `source`).
  EventContext: [
    'id',
    'source',
    'specversion',
    'type',
    'datacontenttype',
    'subject',
    'time',
  ],
};

type JsonType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object';

function jsonTypeOf(value: unknown): JsonType | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function typeMatches(actual: JsonType, allowed: string[]): boolean {
  return (
    allowed.includes(actual) ||
    (actual === 'integer' && allowed.includes('number'))
  );
}

/** `Forbidden: unknown field "spec.webhok"`: a property the schema does not define. */
function unknownField(field: string): StatusCause {
  return {
    reason: 'FieldValueForbidden',
    message: `Forbidden: unknown field "${field}"`,
    field,
  };
}

function checkNode(
  causes: StatusCause[],
  field: string,
  value: unknown,
  node: SchemaNode,
  definition?: string,
) {
  if (node.$ref) {
    const target = ARGO_EVENTS_DEFINITIONS[node.$ref];
    // A definition that is not transcribed (another source or trigger type) is accepted as it is.
    if (target) checkNode(causes, field, value, target, node.$ref);
    return;
  }
  // A JSON null is what Go decodes as the zero value: the field counts as absent.
  if (value === null || value === undefined) return;
  if (node.type) {
    const allowed = Array.isArray(node.type) ? node.type : [node.type];
    const actual = jsonTypeOf(value) as JsonType;
    if (!typeMatches(actual, allowed)) {
      causes.push({
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: "${actual}": ${field} in body must be of type ${allowed.join(
          ' or ',
        )}: "${actual}"`,
        field,
      });
      return;
    }
  }
  if (Array.isArray(value)) {
    if (node.items) {
      value.forEach((item, i) =>
        checkNode(causes, `${field}[${i}]`, item, node.items!),
      );
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const properties = node.properties;
  const additional = node.additionalProperties;
  for (const [key, child] of Object.entries(value)) {
    if (properties && key in properties) {
      checkNode(causes, `${field}.${key}`, child, properties[key]);
    } else if (isPlainObject(additional)) {
      checkNode(
        causes,
        properties ? `${field}.${key}` : `${field}[${key}]`,
        child,
        additional,
      );
    } else if (properties) {
      causes.push(unknownField(`${field}.${key}`));
    }
    // An object without properties (K8SResource, arbitrary structured data) takes anything.
  }
  const notEnforced = (definition && NOT_ENFORCED_REQUIRED[definition]) || [];
  for (const name of node.required ?? []) {
    if (!notEnforced.includes(name) && value[name] === undefined) {
      causes.push(required(`${field}.${name}`));
    }
  }
}

/**
 * Checks `value` (found at `field`, e.g. `spec`) against the transcribed definition `definition`
 * (e.g. `EventSourceSpec`) and returns the field errors: wrong types, missing required properties,
 * unknown properties.
 */
export function checkArgoEventsSchema(
  field: string,
  value: unknown,
  definition: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  checkNode(causes, field, value, { $ref: definition });
  return causes;
}
