import { badRequest } from './apiErrors';
import { KubernetesObject, getAt } from './objects';

/** One `field=value` / `field!=value` requirement. */
export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** Fields every kind can be selected by (kube-apiserver's default field set). */
const SUPPORTED_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Pods additionally support `status.phase` and `spec.nodeName`. */
const POD_FIELDS = ['status.phase', 'spec.nodeName'];

/**
 * Parses a field selector (`metadata.name=x,metadata.namespace!=y`). Fields other than those the
 * real server indexes for the kind are a 400, as in kube-apiserver.
 */
export function parseFieldSelector(
  selector: string | undefined,
  kind: string,
): FieldRequirement[] {
  if (!selector || !selector.trim()) return [];
  const supported =
    kind === 'Pod' ? [...SUPPORTED_FIELDS, ...POD_FIELDS] : SUPPORTED_FIELDS;
  return selector.split(',').map(part => {
    const match = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!match) {
      throw badRequest(`invalid field selector: '${part}'`);
    }
    const [, field, op, value] = match;
    if (!supported.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, value, negate: op === '!=' };
  });
}

/** True when the object satisfies every field requirement. */
export function matchesFields(
  requirements: FieldRequirement[],
  object: KubernetesObject,
): boolean {
  return requirements.every(req => {
    const actual = getAt(object, req.field.split('.')) ?? '';
    return (String(actual) === req.value) !== req.negate;
  });
}
