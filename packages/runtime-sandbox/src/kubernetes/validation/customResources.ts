import { StatusCause } from '../apiErrors';
import { KubernetesObject } from '../objects';
import { evaluateValidationRules } from './celRules';
import { CustomResourceSchema } from './crdSchema';
import { validateStructuralSchema } from './structuralSchema';

/**
 * The error types after which kube-apiserver does not evaluate CEL rules (`hasBlockingErr` in
 * `k8s.io/apiextensions-apiserver/pkg/registry/customresource/strategy.go`).
 */
const BLOCKING_REASONS = new Set([
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

const RULES_NOT_CHECKED: StatusCause = {
  reason: 'FieldValueInvalid',
  message:
    'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
  field: '<nil>',
};

/**
 * Validates a (pruned and defaulted) custom resource as kube-apiserver's custom resource strategy
 * does: the CRD's OpenAPI schema, then its `x-kubernetes-validations` CEL rules unless an earlier
 * error (`earlier`: the object metadata's, or the schema's) blocks them, in which case one
 * `<nil>` cause says so. `old` is the stored object on an update (transition rules).
 */
export function validateCustomResource(
  crd: CustomResourceSchema,
  object: KubernetesObject,
  old: KubernetesObject | undefined,
  earlier: StatusCause[] = [],
): StatusCause[] {
  const causes = validateStructuralSchema(object, crd.schema);
  const blocked = [...earlier, ...causes].some(cause =>
    BLOCKING_REASONS.has(cause.reason ?? ''),
  );
  if (blocked) return [...causes, RULES_NOT_CHECKED];
  return [
    ...causes,
    ...evaluateValidationRules(
      object as Record<string, unknown>,
      crd.schema,
      old as Record<string, unknown> | undefined,
    ),
  ];
}
