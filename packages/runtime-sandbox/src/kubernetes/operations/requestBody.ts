import { KubeApiError, badRequest } from '../apiErrors';
import { KubernetesObject, clone, isPlainObject } from '../objects';
import { ResourceType, apiVersionOf } from '../resources';
import { customResourceSchemaOf } from '../validation/customResourceSchemas';
import { pruneUnknownFields } from '../validation/structuralPruning';
import { unknownFieldWarnings } from '../validation/unknownFields';
import { WriteOptions } from './types';

/**
 * Checks a decoded request body against the URL: an object, of the resource's `apiVersion` and
 * `kind` (both required in an apply configuration), named as the URL names it and in the URL's
 * namespace. Returns a copy with the name and namespace filled in.
 */
export function checkBody(
  resource: ResourceType,
  namespace: string | undefined,
  body: unknown,
  name?: string,
  typeRequired = false,
): KubernetesObject {
  if (!isPlainObject(body))
    throw badRequest('the request body must be a JSON or YAML object');
  const object = clone(body) as KubernetesObject;
  const expected = apiVersionOf(resource);
  if (typeRequired && (!object.apiVersion || !object.kind)) {
    throw badRequest(
      `${
        !object.apiVersion ? 'apiVersion' : 'kind'
      } must be set in an apply configuration`,
    );
  }
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (object.kind !== undefined && object.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${object.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  object.metadata = isPlainObject(object.metadata) ? object.metadata : {};
  const meta = object.metadata!;
  if (name !== undefined) {
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(
        `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
      );
    }
    meta.name = name;
  }
  if (resource.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace;
  }
  return object;
}

/**
 * Prunes the fields a CRD schema does not declare from a decoded body (in place), and warns about
 * them or (under `fieldValidation=Strict`) fails with the request's strict decoding error.
 */
export function pruneUndeclaredFields(
  resource: ResourceType,
  object: Record<string, unknown>,
  options: WriteOptions,
  strictError: (received: unknown, unknown: string[]) => KubeApiError,
) {
  const crd = customResourceSchemaOf(resource);
  if (!crd) return;
  const validation = options.fieldValidation ?? 'Warn';
  const received = validation === 'Strict' ? clone(object) : undefined;
  const unknown = pruneUnknownFields(object, crd.schema);
  if (unknown.length === 0) return;
  if (validation === 'Strict') throw strictError(received, unknown);
  if (validation === 'Warn')
    options.warnings?.push(...unknownFieldWarnings(unknown));
}
