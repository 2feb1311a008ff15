import { StatusCause } from '../apiErrors';
import { deepEqual, isPlainObject } from '../objects';
import { StructuralSchema } from './crdSchema';
import { invalidValue, notSupported, required, tooMany } from './fieldErrors';
import { tooLongMaxLength, typeInvalid } from './openApiErrors';

/**
 * OpenAPI v3 validation of a value against a CRD's structural schema, as kube-apiserver's
 * kube-openapi validator does it (paths `spec.files[0].path`, messages `... in body should ...`):
 * type, nullable, enum, required, minimum/maximum, min/maxLength, pattern, min/maxItems,
 * min/maxProperties, items and additionalProperties.
 */

/** The JSON Schema type of a decoded JSON value (`integer` for whole numbers). */
function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const childPath = (path: string, key: string) =>
  path ? `${path}.${key}` : key;

function typeMatches(schema: StructuralSchema, value: unknown): boolean {
  const actual = jsonTypeOf(value);
  if (!schema.type || schema['x-kubernetes-int-or-string']) {
    return (
      !schema['x-kubernetes-int-or-string'] ||
      actual === 'integer' ||
      actual === 'string'
    );
  }
  if (actual === 'null') return schema.nullable === true;
  return (
    actual === schema.type || (schema.type === 'number' && actual === 'integer')
  );
}

function validateString(
  causes: StatusCause[],
  path: string,
  value: string,
  schema: StructuralSchema,
) {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    causes.push(tooLongMaxLength(path, schema.maxLength));
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    causes.push(
      invalidValue(
        path,
        value,
        `${path} in body should be at least ${schema.minLength} chars long`,
      ),
    );
  }
  if (
    schema.pattern !== undefined &&
    !new RegExp(schema.pattern, 'u').test(value)
  ) {
    causes.push(
      invalidValue(
        path,
        value,
        `${path} in body should match '${schema.pattern}'`,
      ),
    );
  }
}

function validateNumber(
  causes: StatusCause[],
  path: string,
  value: number,
  schema: StructuralSchema,
) {
  if (schema.maximum !== undefined) {
    const over = schema.exclusiveMaximum
      ? value >= schema.maximum
      : value > schema.maximum;
    if (over) {
      const relation = schema.exclusiveMaximum
        ? 'less than'
        : 'less than or equal to';
      causes.push(
        invalidValue(
          path,
          value,
          `${path} in body should be ${relation} ${schema.maximum}`,
        ),
      );
    }
  }
  if (schema.minimum !== undefined) {
    const under = schema.exclusiveMinimum
      ? value <= schema.minimum
      : value < schema.minimum;
    if (under) {
      const relation = schema.exclusiveMinimum
        ? 'greater than'
        : 'greater than or equal to';
      causes.push(
        invalidValue(
          path,
          value,
          `${path} in body should be ${relation} ${schema.minimum}`,
        ),
      );
    }
  }
}

function validateArray(
  causes: StatusCause[],
  path: string,
  value: unknown[],
  schema: StructuralSchema,
) {
  if (schema.items) {
    value.forEach((item, i) =>
      causes.push(
        ...validateStructuralSchema(item, schema.items!, `${path}[${i}]`),
      ),
    );
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    causes.push(
      invalidValue(
        path,
        value.length,
        `${path} in body should have at least ${schema.minItems} items`,
      ),
    );
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    causes.push(tooMany(path, value.length, schema.maxItems));
  }
}

function validateObject(
  causes: StatusCause[],
  path: string,
  value: Record<string, unknown>,
  schema: StructuralSchema,
) {
  const keys = Object.keys(value).filter(key => value[key] !== undefined);
  if (
    schema.minProperties !== undefined &&
    keys.length < schema.minProperties
  ) {
    causes.push(
      invalidValue(
        path,
        keys.length,
        `${path} in body should have at least ${schema.minProperties} properties`,
      ),
    );
  }
  if (
    schema.maxProperties !== undefined &&
    keys.length > schema.maxProperties
  ) {
    causes.push(tooMany(path, keys.length, schema.maxProperties));
  }
  const properties = schema.properties ?? {};
  const additional = schema.additionalProperties;
  if (isPlainObject(additional)) {
    for (const key of keys.filter(k => !(k in properties))) {
      causes.push(
        ...validateStructuralSchema(
          value[key],
          additional as StructuralSchema,
          childPath(path, key),
        ),
      );
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    if (value[key] !== undefined) {
      causes.push(
        ...validateStructuralSchema(value[key], property, childPath(path, key)),
      );
    }
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) causes.push(required(childPath(path, key)));
  }
}

/**
 * Validates `value` (found at `path`, '' for the object root) against `schema` and returns the
 * field errors in kube-apiserver's form, empty when valid.
 */
export function validateStructuralSchema(
  value: unknown,
  schema: StructuralSchema,
  path = '',
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!typeMatches(schema, value)) {
    causes.push(typeInvalid(path, jsonTypeOf(value), schema.type ?? ''));
  } else if (typeof value === 'string') {
    validateString(causes, path, value, schema);
  } else if (typeof value === 'number') {
    validateNumber(causes, path, value, schema);
  } else if (Array.isArray(value)) {
    validateArray(causes, path, value, schema);
  }
  if (
    schema.enum !== undefined &&
    value !== null &&
    !schema.enum.some(allowed => deepEqual(allowed, value))
  ) {
    causes.push(
      notSupported(
        path,
        value,
        schema.enum.map(v => (typeof v === 'string' ? v : JSON.stringify(v))),
      ),
    );
  }
  if (isPlainObject(value) && typeMatches(schema, value)) {
    validateObject(causes, path, value, schema);
  }
  return causes;
}
