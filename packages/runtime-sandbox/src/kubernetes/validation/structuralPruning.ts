import { isPlainObject } from '../objects';
import { StructuralSchema } from './crdSchema';

/**
 * Unknown fields of a custom resource, found as kube-apiserver's structural pruning finds them
 * (`k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning`): every object key that the
 * schema does not declare, below a node without `x-kubernetes-preserve-unknown-fields`. At the
 * resource root `apiVersion`, `kind` and `metadata` are never unknown.
 */

const ROOT_META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

interface Walk {
  unknown: string[];
  remove: boolean;
}

const keyPath = (parent: string, key: string) =>
  parent ? `${parent}.${key}` : key;

function visit(
  value: unknown,
  schema: StructuralSchema | undefined,
  path: string,
  walk: Walk,
  isRoot = false,
) {
  const preserve = schema?.['x-kubernetes-preserve-unknown-fields'] === true;
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (isRoot && ROOT_META_FIELDS.has(key)) continue;
      const property = schema?.properties?.[key];
      const additional = schema?.additionalProperties;
      if (property) {
        visit(value[key], property, keyPath(path, key), walk);
      } else if (isPlainObject(additional)) {
        visit(
          value[key],
          additional as StructuralSchema,
          keyPath(path, key),
          walk,
        );
      } else if (additional === true || preserve) {
        continue;
      } else {
        walk.unknown.push(keyPath(path, key));
        if (walk.remove) delete value[key];
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) =>
      visit(item, schema?.items, `${path}[${i}]`, walk),
    );
  }
}

/**
 * Removes the fields `schema` does not declare from the resource `object` (in place) and returns
 * their paths (`spec.foo`, `spec.files[0].bar`), sorted as kube-apiserver sorts them.
 */
export function pruneUnknownFields(
  object: Record<string, unknown>,
  schema: StructuralSchema,
): string[] {
  const walk = { unknown: [], remove: true };
  visit(object, schema, '', walk, true);
  return walk.unknown.sort();
}

/** The paths of the fields `schema` does not declare, leaving `object` unchanged. */
export function findUnknownFields(
  object: Record<string, unknown>,
  schema: StructuralSchema,
): string[] {
  const walk = { unknown: [], remove: false };
  visit(object, schema, '', walk, true);
  return walk.unknown.sort();
}
