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

/** `Too long: may not be more than N bytes`. */
export function tooLong(field: string, max: number): StatusCause {
  return {
    reason: 'FieldValueTooLong',
    message: `Too long: may not be more than ${max} bytes`,
    field,
  };
}

type JsonType = 'string' | 'integer' | 'boolean' | 'array' | 'object';

function typeOf(value: unknown): JsonType | 'number' | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** True when a present value has the OpenAPI type; otherwise records the type error. */
export function hasType(
  causes: StatusCause[],
  field: string,
  value: unknown,
  type: JsonType,
): boolean {
  if (value === undefined) return false;
  const actual = typeOf(value);
  if (actual === type) return true;
  causes.push({
    reason: 'FieldValueTypeInvalid',
    message: `Invalid value: "${actual}": ${field} in body must be of type ${type}: "${actual}"`,
    field,
  });
  return false;
}

/** Records a `minimum` violation (`should be greater than or equal to N`). */
export function checkMinimum(
  causes: StatusCause[],
  field: string,
  value: unknown,
  minimum: number,
) {
  if (hasType(causes, field, value, 'integer') && (value as number) < minimum) {
    causes.push(
      invalidValue(
        field,
        value,
        `${field} in body should be greater than or equal to ${minimum}`,
      ),
    );
  }
}
