import { KubeApiError, badRequest } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { ResourceType, apiVersionOf } from '../resources';

/**
 * What kube-apiserver does with fields a custom resource's schema does not declare, by the write's
 * `fieldValidation` (default `Warn`; `k8s.io/apiserver/pkg/endpoints/handlers`): the fields are
 * pruned; `Warn` adds a `Warning` per field, `Strict` fails the request, `Ignore` says nothing.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const strictDecodingError = (unknown: string[]) =>
  `strict decoding error: ${unknown
    .map(path => `unknown field "${path}"`)
    .join(', ')}`;

/** The warning texts of `fieldValidation=Warn` (`unknown field "spec.foo"`). */
export function unknownFieldWarnings(unknown: string[]): string[] {
  return unknown.map(path => `unknown field "${path}"`);
}

/**
 * 400 for a create or update body with unknown fields under `fieldValidation=Strict`
 * (`transformDecodeError`): `Model in version "v1" cannot be handled as a Model: strict decoding
 * error: unknown field "spec.foo"`.
 */
export function strictBodyError(
  resource: ResourceType,
  unknown: string[],
): KubeApiError {
  return badRequest(
    `${resource.kind} in version "${resource.version}" cannot be handled as a ${
      resource.kind
    }: ${strictDecodingError(unknown)}`,
  );
}

/** Serializes as Go's encoding/json serializes a decoded object: map keys sorted. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter(key => value[key] !== undefined)
      .map(key => `${JSON.stringify(key)}:${goJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * 422 for a merge patch whose result has unknown fields under `fieldValidation=Strict`
 * (kube-apiserver's `jsonPatcher.applyPatchToCurrentObject`): an Invalid error without kind or name whose one cause
 * is `patch: Invalid value: "<patched object>": strict decoding error: ...`.
 */
export function strictPatchError(
  patched: unknown,
  unknown: string[],
): KubeApiError {
  const message = `Invalid value: ${JSON.stringify(
    goJson(patched),
  )}: ${strictDecodingError(unknown)}`;
  return new KubeApiError(422, 'Invalid', `"" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
}

/**
 * The error of a server-side apply whose configuration has fields the schema does not declare,
 * whatever `fieldValidation` says: structured-merge-diff cannot type the patch and kube-apiserver
 * answers 500 with the plain error (`failed to create typed patch object (ns/name;
 * kubeai.org/v1, Kind=Model): .spec.foo: field not declared in schema`, no reason).
 */
export function applyUnknownFieldError(
  resource: ResourceType,
  applied: KubernetesObject,
  unknown: string[],
): KubeApiError {
  const errors = unknown.map(path => `.${path}: field not declared in schema`);
  const detail =
    errors.length === 1
      ? errors[0]
      : ['errors:', ...errors.map(e => `  ${e}`)].join('\n');
  const gvk = `${apiVersionOf(resource)}, Kind=${resource.kind}`;
  return new KubeApiError(
    500,
    '',
    `failed to create typed patch object (${
      applied.metadata?.namespace ?? ''
    }/${applied.metadata?.name ?? ''}; ${gvk}): ${detail}`,
  );
}
