import { StatusCause } from '../apiErrors';

/**
 * Builders for the field errors kube-apiserver reports as `details.causes`, worded as
 * `k8s.io/apimachinery/pkg/util/validation/field` words them.
 */

/** Renders a value the way field errors quote it (strings quoted, numbers bare). */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value === null || value === undefined) return 'null';
  return Array.isArray(value) ? '"array"' : '"object"';
}

/** `Required value`. */
export function required(field: string, detail?: string): StatusCause {
  return {
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  };
}

/** `Invalid value: <value>: <detail>`. */
export function invalidValue(
  field: string,
  value: unknown,
  detail: string,
): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${renderValue(value)}: ${detail}`,
    field,
  };
}

/** `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(
  field: string,
  value: unknown,
  supported: string[],
): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${renderValue(
      value,
    )}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`,
    field,
  };
}

/** `Too many: 11: must have at most 10 items`. */
export function tooMany(
  field: string,
  actual: number,
  max: number,
): StatusCause {
  return {
    reason: 'FieldValueTooMany',
    message: `Too many: ${actual}: must have at most ${max} items`,
    field,
  };
}

