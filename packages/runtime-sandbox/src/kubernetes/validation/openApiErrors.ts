import { StatusCause } from '../apiErrors';
import { renderValue } from './fieldErrors';

/**
 * Field errors of CRD schema validation as kube-apiserver 1.31 (the version the sandbox reports)
 * converts kube-openapi's results (`k8s.io/apiextensions-apiserver/pkg/apiserver/validation`
 * `kubeOpenAPIResultToFieldErrors`, with `k8s.io/apimachinery/pkg/util/validation/field` v0.31).
 */

/** `Invalid value: "string": spec.x in body must be of type integer: "string"`. */
export function typeInvalid(
  field: string,
  actualType: string,
  expectedType: string,
): StatusCause {
  return {
    reason: 'FieldValueTypeInvalid',
    message: `Invalid value: "${actualType}": ${field} in body must be of type ${expectedType}: "${actualType}"`,
    field,
  };
}

/** `Too long: may not be longer than 63` (`field.TooLongMaxLength`, used for `maxLength` in 1.31). */
export function tooLongMaxLength(field: string, max: number): StatusCause {
  return {
    reason: 'FieldValueTooLong',
    message: `Too long: may not be longer than ${max}`,
    field,
  };
}

/** `Forbidden: <detail>` (a CEL rule with `reason: FieldValueForbidden`). */
export function forbidden(field: string, detail: string): StatusCause {
  return {
    reason: 'FieldValueForbidden',
    message: detail ? `Forbidden: ${detail}` : 'Forbidden',
    field,
  };
}

/** `Duplicate value: <value>` (a CEL rule with `reason: FieldValueDuplicate`). */
export function duplicate(field: string, value: unknown): StatusCause {
  return {
    reason: 'FieldValueDuplicate',
    message: `Duplicate value: ${renderValue(value)}`,
    field,
  };
}
