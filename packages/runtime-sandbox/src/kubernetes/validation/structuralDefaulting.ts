import { clone, isPlainObject } from '../objects';
import { StructuralSchema } from './crdSchema';

/**
 * CRD defaulting as kube-apiserver applies it when it decodes a custom resource
 * (`k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting`): nulls of non-nullable
 * fields without a default are dropped, then every absent (or non-nullable null) property with a
 * `default` gets a copy of it, and defaulting goes on inside the result, so a defaulted `{}` gets
 * its own properties' defaults.
 */

function childSchema(
  schema: StructuralSchema,
  key: string,
): StructuralSchema | undefined {
  const property = schema.properties?.[key];
  if (property) return property;
  return isPlainObject(schema.additionalProperties)
    ? (schema.additionalProperties as StructuralSchema)
    : undefined;
}

function isNonNullableNull(value: unknown, schema: StructuralSchema) {
  return value === null && schema.nullable !== true;
}

/** Drops `null` values of properties that are neither nullable nor defaulted (in place). */
export function pruneNonNullableNullsWithoutDefaults(
  value: unknown,
  schema: StructuralSchema | undefined,
) {
  if (!schema) return;
  if (isPlainObject(value)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (
        key in value &&
        isNonNullableNull(value[key], property) &&
        property.default === undefined
      ) {
        delete value[key];
      }
    }
    for (const key of Object.keys(value)) {
      pruneNonNullableNullsWithoutDefaults(
        value[key],
        childSchema(schema, key),
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach(item =>
      pruneNonNullableNullsWithoutDefaults(item, schema.items),
    );
  }
}

/** Applies the schema's `default`s to `value` in place. */
export function applyStructuralDefaults(
  value: unknown,
  schema: StructuralSchema | undefined,
) {
  if (!schema) return;
  if (isPlainObject(value)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (property.default === undefined) continue;
      if (!(key in value) || isNonNullableNull(value[key], property)) {
        value[key] = clone(property.default);
      }
    }
    for (const key of Object.keys(value)) {
      applyStructuralDefaults(value[key], childSchema(schema, key));
    }
  } else if (Array.isArray(value)) {
    value.forEach(item => applyStructuralDefaults(item, schema.items));
  }
}
